"""Records (基础数据): units, staff, credentials, training, classes, and the big-table reads."""
