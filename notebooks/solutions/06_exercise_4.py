# Worked solution 06_exercise_4, shown in notebook 06 by show_solution("06_exercise_4", globals()).
sent = {}
for blocks in (2, 10, 40, 100):
    sweep = als_shuffle_per_sweep(train.user, train.item, rank=RANK, n_user_blocks=blocks, n_item_blocks=blocks)
    sent[blocks] = sweep.bytes
    print(
        f"{blocks:3d} blocks: {sweep.vectors:7,} vectors (expected {sweep.expected_vectors:7,.0f}), "
        f"{sweep.bytes / 1e6:5.2f} MB per sweep"
    )
print(f"Fifty times the blocks send {sent[100] / sent[2]:.0f} times the factors: more parallel tasks, more traffic.")
# A user's vector goes to every item block holding one of the user's films. With 2 blocks almost
# every user reaches both; with 100 blocks a user with 100 ratings reaches about 63 of them. More
# blocks mean more tasks that can run at once, and smaller tasks that balance power users' load,
# but more traffic: at least 40 (one per core), a few per core at most, measured on the cluster.
