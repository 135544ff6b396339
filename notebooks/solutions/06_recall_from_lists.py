# Worked solution 06_recall_from_lists, shown in notebook 06 by show_solution("06_recall_from_lists", globals()).
def recall_from_lists(recommended, relevant, k):
    recalls = []
    for user, liked in relevant.items():
        if len(liked) == 0:
            continue  # no relevant film: nothing to find, so the protocol skips the user
        hits = len(set(liked) & set(recommended[user][:k]))  # only the first k count; a shorter list has fewer
        recalls.append(hits / len(liked))  # the course's recall@k (trec_eval's): hits over |R|, not min(k, |R|)
    return float(np.mean(recalls))  # one user, one vote: the mean of the users' recalls, not pooled hits


print(check_exercise("recall_from_lists", recall_from_lists))
raw_recall = recall_from_lists(spark_lists, held_out, 10)
scored = [user for user, liked in held_out.items() if liked]
lists_array = np.array([spark_lists[user] for user in scored]) - 1  # Spark's ids are 1-based, columns 0-based
relevant_mask = (test_matrix >= 4).toarray()[np.array(scored) - 1]
course_recall = float(np.nanmean(recall_at_k(lists_array, relevant_mask)))
print(f"Spark's own lists, {len(scored)} users: recall_from_lists {raw_recall:.3f}, recall_at_k {course_recall:.3f}")
protocol_recall = reports["Spark's ALS"].recall
print(f"the protocol's lists (films rated in training left out): recall@10 {protocol_recall:.3f}")
print(
    "Spark's raw lists recall "
    + ("less" if raw_recall < protocol_recall else "no less")
    + " than the protocol's: a film the user rated in training takes a slot but is never a test film."
)
