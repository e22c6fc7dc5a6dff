"""Timed runs at school, county and city scale, outside the test suite (`python -m benchmarks`)."""
