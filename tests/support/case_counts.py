"""Print how many bad-input cases tests/test_bad_inputs.py has per helper: generated from the
helper's declared constraints, and hand-written. `python -m tests.support.case_counts`."""

from tests.test_bad_inputs import case_counts

if __name__ == "__main__":
    counts = case_counts()
    width = max(map(len, counts))
    print(f"{'helper':{width}}  generated  hand-written")
    for name, (generated, hand) in counts.items():
        print(f"{name:{width}}  {generated:9}  {hand:12}")
    total_generated, total_hand = (sum(column) for column in zip(*counts.values()))
    print(f"{'total':{width}}  {total_generated:9}  {total_hand:12}  ({total_generated + total_hand} cases)")
