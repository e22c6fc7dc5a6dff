"""The office (上级单位): the dashboard and 退回, consolidation, the list of expected units."""
