"""Records (基础数据): units, staff, credentials, training, classes, and the big-table reads.

Start with ``staff`` (create, edit in one transaction, end) and ``tables`` (the rows the tables show).
Shapes: the ORM class is the table (``data.models.Staff``); a ``…Record`` is one whole record
for forms and services (``domain.records.StaffRecord``, full ID number); a ``…Row`` is one line
of a big table (``tables.StaffRow``, ID masked); ``StaffEdit`` is what an edit gives back.

Imports only the service packages below it (core); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "classes": ("create_class", "delete_class", "edit_class", "list_capacities", "set_capacity", "update_class",),
    "conduct": ("AppraisalRecord", "EthicsEntry", "add_ethics_record", "list_appraisals", "list_ethics_records", "remove_ethics_record", "set_appraisal",),
    "courses": ("Course", "parse_courses", "set_staff_courses", "staff_courses",),
    "credentials": ("add_registration", "create_credential", "delete_credential", "edit_credential", "list_credentials", "remove_registration", "update_credential",),
    "staff": ("StaffEdit", "create_staff", "edit_staff", "end_staff", "get_staff", "list_movements", "list_staff", "reactivate_staff", "withdraw_new_staff",),
    "tables": ("ClassRow", "CredentialRow", "StaffChoice", "StaffRow", "TrainingQuery", "TrainingRow", "class_rows", "count_training", "credential_row", "credential_rows", "staff_choices", "staff_row", "staff_rows", "training_page", "training_row", "training_years",),
    "training": ("create_training", "delete_training", "edit_training", "list_training", "update_training",),
    "units": ("create_home_unit", "find_unit", "home_unit", "list_units",),
}
