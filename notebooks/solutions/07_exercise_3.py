# Worked solution 07_exercise_3, shown in notebook 07 by show_solution("07_exercise_3", globals()).
ease_reports = {}
for reg in (50, EASE_REG, 3200):
    ease_reports[reg] = evaluate_ranking(ease_scores(fit_ease(R_fit, reg=reg), R_fit), R_fit, R_valid)
    print(
        f"lambda {reg:5g}: validation NDCG@10 {ease_reports[reg].ndcg:.3f}, coverage {ease_reports[reg].coverage:.2f}, "
        f"popular share {ease_reports[reg].popular_share:.2f}"
    )
coverage = [report.coverage for report in ease_reports.values()]
narrower = coverage[0] > coverage[1] > coverage[2]
best_reg = max(ease_reports, key=lambda reg: ease_reports[reg].ndcg)
print(f"validation NDCG@10 is highest at lambda = {best_reg:g} of these three.")
print(
    f"As lambda grows the lists {'narrow' if narrower else 'do not steadily narrow'} (coverage "
    f"{coverage[0]:.2f} to {coverage[2]:.2f}): a strong penalty shrinks the film-film weights towards plain "
    "co-rating counts, which favour the hits; a weak one follows individual co-ratings, noise included."
)
