# Worked solution 07_ease_weights, shown in notebook 07 by show_solution("07_ease_weights", globals()).
def ease_weights(X, lam):
    P = np.linalg.inv(X.T @ X + lam * np.eye(X.shape[1]))  # lambda on the diagonal of the Gram matrix only
    B = -P / np.diag(P)  # B = I - P diag(1 / diag(P)): column j divided by P_jj, off the diagonal
    np.fill_diagonal(B, 0.0)  # the constraint diag(B) = 0: no film predicts itself
    return B


print(check_exercise("ease_weights", ease_weights))
films = np.argsort(-item_popularity(R_train), kind="stable")[:300]  # the 300 most rated films: a quick check
X_some = (R_train[:, films].toarray() != 0).astype(float)
lam = 100.0
B_some = ease_weights(X_some, lam)
print(
    "on the 300 most rated films of u1.base it equals fit_ease:",
    np.allclose(B_some, fit_ease(R_train[:, films], reg=lam).weights),
)
gram = X_some.T @ X_some
self_weight = {}
for lam_ridge in (1.0, lam):
    ridge = np.linalg.solve(gram + lam_ridge * np.eye(films.size), gram)  # plain ridge: no constraint
    self_weight[lam_ridge] = np.diag(ridge)
    print(
        f"without the constraint, lambda = {lam_ridge:g}: the diagonal of B runs from "
        f"{self_weight[lam_ridge].min():.2f} to {self_weight[lam_ridge].max():.2f}, a mean "
        f"{self_weight[lam_ridge].mean():.2f}"
    )
print(
    "Without diag(B) = 0 a film's best predictor is itself (near 1 at a small lambda), and a user's scores "
    "would mostly repeat what they rated; the constraint makes every film be predicted from the others."
    if self_weight[1.0].mean() > 0.9
    else "Without the constraint the diagonal takes a large share of each film's weight; the constraint makes "
    "every film be predicted from the others."
)
