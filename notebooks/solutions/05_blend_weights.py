# Worked solution 05_blend_weights, shown in notebook 05 by show_solution("05_blend_weights", globals()).
def blend_weights(predictions, y):
    D = np.column_stack([np.ones(len(y)), *predictions])  # one row per rating: [1, model 1, ..., model m]
    w, *_ = np.linalg.lstsq(D, y, rcond=None)  # all the coefficients at once: the models' shared errors count
    return w


print(check_exercise("blend_weights", blend_weights))
mine = blend_weights(valid_predictions, y_valid)
print("by hand == fit_blend on the validation ratings:", np.allclose(mine, weights))
total, intercept = mine[1:].sum(), mine[0]
near_average = abs(total - 1) < 0.05 and abs(intercept) < 0.1
print(
    f"The two weights add up to {total:.3f} and the intercept is {intercept:+.3f}: "
    + (
        "the blend is close to a weighted average of two predictions already on the rating scale."
        if near_average
        else "the blend rescales the predictions as well as mixing them."
    )
)
