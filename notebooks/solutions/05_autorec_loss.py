# Worked solution 05_autorec_loss, shown in notebook 05 by show_solution("05_autorec_loss", globals()).
def autorec_loss(R, R_hat, W_e, W_d, l2):
    observed = R != 0  # only the ratings are targets; the zeros mean "not rated"
    return np.mean((R[observed] - R_hat[observed]) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2))


print(check_exercise("autorec_loss", autorec_loss))
penalty = L2 * (np.sum(W_e**2) + np.sum(W_d**2))
masked = np.mean((film_rows[observed] - reconstruction[observed]) ** 2)
every_cell = np.mean((film_rows - reconstruction) ** 2)
print(f"for the trained model: masked error {masked:.4f}, penalty {penalty:.4f}")
print(f"the error over every cell of R, zeros included: {every_cell:.4f}")
print(
    f"The every-cell error is {'larger' if every_cell > masked else 'smaller'}: the model predicts a rating, "
    "not 0, for the films a user has not rated, and the zeros that fill each film's row are never its targets."
)
