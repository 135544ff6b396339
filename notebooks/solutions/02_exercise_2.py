# Worked solution 02_exercise_2, shown in notebook 02 by show_solution("02_exercise_2", globals()).
ae_seed1, encoder_seed1 = build_autoencoder(4, 3, seed=1)
snapshots_seed1 = train_with_snapshots(ae_seed1, encoder_seed1, X, epochs=3000, every=30)
codes_0, codes_1 = snapshots.codes[-1], snapshots_seed1.codes[-1]
print("codes, seed 0:\n", np.round(codes_0, 2))
print("codes, seed 1:\n", np.round(codes_1, 2))
error_seed1 = frobenius_error(R, denormalise_ratings(snapshots_seed1.reconstructions[-1], SCALE))
difference = np.max(np.abs(snapshots.reconstructions[-1] - snapshots_seed1.reconstructions[-1])) * SCALE
print(f"error after 3000 epochs: seed 0 {errors[-1]:.3f}, seed 1 {error_seed1:.3f}")
print(f"largest reconstruction difference between the seeds: {difference:.2f} stars")
# A seed-1 unit is seed-0 unit j's twin if their codes correlate most, up to sign.
correlation = np.corrcoef(codes_0.T, codes_1.T)[:3, 3:]
twin = np.abs(correlation).argmax(axis=1)
best = np.abs(correlation)[np.arange(3), twin]
print("|correlation| of each seed-0 unit (rows) with each seed-1 unit (columns):\n", np.round(np.abs(correlation), 2))
matched = codes_1[:, twin] * np.sign(correlation[np.arange(3), twin])  # seed 1's codes, reordered and re-signed
print(f"largest difference between each seed-0 code and its re-signed twin: {np.max(np.abs(codes_0 - matched)):.2f}")
# The null: two seeds' codes unrelated, i.e. 3 + 3 independent random codes over 5 users. How often does
# every one of the 3 first codes find a partner among the 3 others at least as close as the worst match here?
chance_rng = np.random.default_rng(0)
a, b = chance_rng.standard_normal((10_000, 3, 5)), chance_rng.standard_normal((10_000, 3, 5))
a, b = a - a.mean(axis=2, keepdims=True), b - b.mean(axis=2, keepdims=True)
a, b = a / np.linalg.norm(a, axis=2, keepdims=True), b / np.linalg.norm(b, axis=2, keepdims=True)
r = np.abs(a @ b.transpose(0, 2, 1))  # |correlation| of each first code (rows) with each second code
chance = np.mean(r.max(axis=2).min(axis=1) >= best.min())
related = "strongly related codes" if best.min() > 0.9 else "codes that differ beyond order and sign"
print(
    f"Each seed-0 unit's best twin in seed 1 has |correlation| {', '.join(f'{x:.2f}' for x in best)}: after "
    f"reordering and re-signing, the seeds found {related} (not equal: they differ by up to "
    f"{np.max(np.abs(codes_0 - matched)):.2f}), and reconstructions within {difference:.2f} stars."
)
print(
    f"If the two seeds' codes were unrelated (six independent random codes over 5 users), all three seed-0 "
    f"units would each find a twin with |correlation| {best.min():.2f} or more in {chance:.0%} of 10,000 "
    "simulated draws: "
    + ("so this match is unlikely to be chance, " if chance < 0.05 else "so on 5 users this match could be chance, ")
    + "but 5 users are too few to say that the seeds agree in general; that needs many more users."
)
