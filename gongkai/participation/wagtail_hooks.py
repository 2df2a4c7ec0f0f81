"""The staff screens of public participation register their hooks in their own modules."""

from gongkai.participation import decision_admin, staff_admin  # noqa: F401 - registers hooks
