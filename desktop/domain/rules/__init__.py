"""Data-quality rules as data (数据校验规则): expressions, rule files, judging, the named figures.

Pure: no database. ``services.returns.rules`` resolves the names against a unit's data.
"""
