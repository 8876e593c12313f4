"""Fixtures and markers of the heritage app's tests."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "processes: starts real worker processes (several seconds; deselect with -m 'not processes')"
    )
