"""X and Y shuffled with two different permutations: labels leave their examples. Loses the
split's points only."""
EXPECTED = {"test_split_train_dev_test": 0}
FEEDBACK_MUST_CONTAIN = ["split_train_dev_test", "shuffled with different permutations"]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    X, Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return ((X[:, :m_train], Y[:, :m_train]), (X[:, m_train:m_train + m_dev], Y[:, m_train:m_train + m_dev]),
            (X[:, m_train + m_dev:], Y[:, m_train + m_dev:]))
