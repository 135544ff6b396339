# Worked solution 05_autorec_loss, shown in notebook 05 by show_solution("05_autorec_loss", globals()).
def autorec_loss(R, R_hat, W_e, W_d, l2):
    observed = R != 0
    return np.mean((R[observed] - R_hat[observed]) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2))


print(check_exercise("autorec_loss", autorec_loss))
penalty = L2 * (np.sum(W_e**2) + np.sum(W_d**2))
print(
    f"for the trained model: masked error {np.mean((film_rows[observed] - reconstruction[observed]) ** 2):.4f}, "
    f"penalty {penalty:.4f}"
)
print("Only the observed ratings count in the error, so the zeros that fill each film's row are never targets.")
