# Worked solution 01_smallest_rank, shown in notebook 01 by show_solution("01_smallest_rank", globals()).
def smallest_rank(s, share):
    energy = np.sort(s)[::-1] ** 2  # sigma_j^2, largest first: R_k keeps the first k of them (Eckart-Young)
    kept = np.cumsum(energy) / energy.sum()  # the share of ||R||_F^2 that k = 1, 2, ... factors keep
    return int(np.argmax(kept >= share)) + 1  # the first position that reaches share, counted from 1


print(check_exercise("smallest_rank", smallest_rank))
kept = np.cumsum(s_full**2) / np.sum(s_full**2)
for k, share_kept in enumerate(kept, start=1):
    print(f"rank {k} keeps {share_kept:.1%} of ||R||_F^2")
print("smallest rank keeping 90%, from the singular values in svds' ascending order:", smallest_rank(s_full[::-1], 0.9))
print(
    "Each extra factor keeps less than the one before, because the singular values are sorted, and the "
    "answer needs no reconstruction: the spectrum alone gives every rank's error."
)
