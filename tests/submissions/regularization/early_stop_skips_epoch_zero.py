"""Early stopping that never keeps epoch 0: the loop starts at epoch 1 against an infinite best cost, so
epoch 1 always improves, and a dev cost that only rises returns 1 instead of 0."""

EXPECTED = {"test_early_stopping_epoch": 0}
FEEDBACK_MUST_CONTAIN = ["epoch 0 is the first best"]


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0:
        raise ValueError("dev_costs is empty: there is no epoch to keep")
    if patience < 1:
        raise ValueError(f"patience must be at least 1, not {patience}")
    best, best_cost, waiting = 0, float("inf"), 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < best_cost:
            best, best_cost, waiting = epoch, dev_costs[epoch], 0
        else:
            waiting += 1
            if waiting == patience:
                break
    return best
