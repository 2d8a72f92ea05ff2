import sys


def pytest_terminal_summary(terminalreporter):
    """The permission matrix's size, when it ran (the figures for the closing note)."""
    matrix = sys.modules.get("tests.platform.test_permission_matrix")
    line = matrix and matrix.size_line()
    if line:
        terminalreporter.write_line(line)
