# Worked solution 05_exercise_3, shown in notebook 05 by show_solution("05_exercise_3", globals()).
user_counts = np.diff(R_train.indptr)[test_users]
groups = {}
for low, high in [(0, 50), (50, 150), (150, 1000)]:
    chosen = (user_counts >= low) & (user_counts < high)
    groups[low] = rmse(y_test[chosen], als_test[chosen])
    print(
        f"users with {low:3d}-{high - 1:3d} training ratings: {chosen.sum():5d} test ratings, "
        f"ALS RMSE {groups[low]:.3f}"
    )
print(
    f"Users with fewer than 50 training ratings are predicted worst ({groups[0]:.3f}); past 50, more ratings "
    "change the error much less."
)
