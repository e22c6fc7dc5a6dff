"""Indicators (指标): computed against a target set; the 概览 numbers and reminders built on them."""
