"""The dev slice starts one example early: that example is in train and dev, and the last one in
no set. Loses the split's points only."""
EXPECTED = {"test_split_train_dev_test": 0}
FEEDBACK_MUST_CONTAIN = ["split_train_dev_test", "examples lost or duplicated"]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    dev = slice(m_train - 1, m_train + m_dev - 1)
    test = slice(m_train + m_dev - 1, m - 1)
    return (X[:, :m_train], Y[:, :m_train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])
