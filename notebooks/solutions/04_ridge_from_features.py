# Worked solution 04_ridge_from_features, shown in notebook 04 by show_solution("04_ridge_from_features", globals()).
def ridge_from_features(F, V, F_new, alpha):
    x_mean, y_mean = F.mean(axis=0), V.mean(axis=0)  # the fitted films' means
    X, Y = F - x_mean, V - y_mean  # centred, so the intercept y_mean sits outside the penalty
    W = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ Y)
    return y_mean + (F_new - x_mean) @ W  # new films around the same means


print(check_exercise("ridge_from_features", ridge_from_features))
by_hand = ridge_from_features(features[fitted], vectors[fitted], features, 10.0)  # every film, rated or not
course = fit_feature_ridge(features[fitted], vectors[fitted], alpha=10.0).predict(features)
print(f"ridge on {fitted.size} fitted films, alpha = 10: by hand == fit_feature_ridge: {np.allclose(by_hand, course)}")
huge = ridge_from_features(features[fitted], vectors[fitted], features[:3], 1e12)
print(f"with alpha = 1e12 every film gets the average: {np.allclose(huge, vectors[fitted].mean(axis=0))}")
