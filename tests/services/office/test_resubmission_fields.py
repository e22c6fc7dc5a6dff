"""Issue 23 item 4: a resubmission after 退回 shows, field by field, what changed in classes,
training records and seats too (not only staff), beside the office's 退回意见."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Staff
from desktop.domain.codes import Grade, Stage
from desktop.domain.records import SeatAdditionData, TrainingData
from desktop.services.core.users import Actor
from desktop.services.office.bulk_review import Resubmission, resubmission
from desktop.services.office.send_back import import_from_office, return_unit
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.classes import (
    add_seats,
    delete_class,
    list_capacities,
    list_classes,
    list_seat_additions,
    set_capacity,
    update_class,
)
from desktop.services.records.training import create_training, edit_training, list_training
from desktop.services.records.units import home_unit
from desktop.services.year.periods import latest_period
from tests.explained import explain_warnings
from tests.services.package_world import COUNTY, make_office, make_school, school_code

REVIEWER = Actor("reviewer", "张审核", "reviewer")
COMMENT = "请核对三年级的班额、张老师的培训学时和小学核定学位。"


def _returned(tmp_path: Path) -> tuple[Database, Database, int, int]:
    """A school that sent its package, was returned with COMMENT and took the 退回 reply."""
    school = make_school(tmp_path, 1)
    county = make_office(tmp_path / "county.db", *COUNTY, "county", "441600")
    explain_warnings(school)
    first = export_package(school, tmp_path / "first", with_returns=False).path
    assert import_packages(county, [first]).results[0].ok
    reply = return_unit(county, school_code(1), COMMENT, tmp_path / "replies", actor=REVIEWER)
    assert "退回了" in import_from_office(school, reply)
    home, period = home_unit(school), latest_period(school)
    assert home is not None and period is not None
    return school, county, home.id, period.id


def _resubmitted(school: Database, county: Database, tmp_path: Path) -> Resubmission:
    explain_warnings(school)
    again = export_package(school, tmp_path / "again", with_returns=False).path
    done = import_packages(county, [again], confirm=True)
    assert done.results[0].status == "replaced", done.lines()
    change = resubmission(county, school_code(1))
    assert change is not None and change.returned and len(change.comments) == 1
    assert COMMENT in change.comments[0][1]
    return change


def _first_person(school: Database, unit_id: int) -> tuple[int, str]:
    with school.session() as s:
        person = s.scalars(select(Staff).where(Staff.unit_id == unit_id).order_by(Staff.id)).first()
        assert person is not None
        return person.id, person.name


def test_a_resubmission_names_each_changed_class_training_record_and_seat_figure(tmp_path: Path) -> None:
    school, county, unit_id, period_id = _returned(tmp_path)
    # The school's three corrections: one class size, one training record added, one seat figure.
    cls = list_classes(school, unit_id, period_id)[0]
    update_class(school, cls.id, {"enrolled": cls.enrolled + 3})
    person_id, person_name = _first_person(school, unit_id)
    create_training(school, person_id, TrainingData(
        title="师德师风专题培训", start_date=date(2025, 7, 1), end_date=date(2025, 7, 3), hours=12.0,
        level="4", mode="01", category="1"))
    cap = list_capacities(school, unit_id, period_id)[0]
    set_capacity(school, unit_id, period_id, replace(cap, approved_seats=cap.approved_seats + 45))
    change = _resubmitted(school, county, tmp_path)
    # Exactly the three changes, each named by its class, person or 学段, field by field.
    assert set(change.fields) == {
        (cls.name, "在校生数", str(cls.enrolled), str(cls.enrolled + 3)),
        (person_name, "培训记录", "（新增）", "师德师风专题培训（12 学时）"),
        (Stage.label_of(cap.stage), "核定学位", str(cap.approved_seats), str(cap.approved_seats + 45)),
    }
    assert len(change.fields) == 3


def test_a_removed_class_a_corrected_training_record_and_added_seats_are_named(tmp_path: Path) -> None:
    school, county, unit_id, period_id = _returned(tmp_path)
    cls = list_classes(school, unit_id, period_id)[-1]
    delete_class(school, cls.id)
    person_id, person_name = _first_person(school, unit_id)
    record = list_training(school, person_id)[0]
    edit_training(school, record.id, {"hours": record.hours + 1.5})
    stage = list_capacities(school, unit_id, period_id)[0].stage
    before = sum(a.seats for a in list_seat_additions(school, unit_id, period_id) if a.stage == stage)
    add_seats(school, unit_id, period_id, SeatAdditionData(stage=stage, method="2", seats=40, project="教学楼改扩建"))
    change = _resubmitted(school, county, tmp_path)
    hours = f"{record.hours:g}", f"{record.hours + 1.5:g}"
    assert set(change.fields) == {
        (cls.name, "班级", f"{Grade.label_of(cls.grade)}，在校生 {cls.enrolled} 人", "（删除）"),
        (person_name, f"培训「{record.title}」的学时", *hours),
        (Stage.label_of(stage), "新增公办学位", str(before), str(before + 40)),
    }
    assert len(change.fields) == 3


def test_a_resubmission_names_a_changed_national_field_and_the_line_names_the_person(tmp_path: Path) -> None:
    # Before: 外籍, 港澳台侨, 本学年不授课 and 校外教师 could change in a resubmission without the office seeing it.
    from desktop.services.records.staff import update_staff

    school, county, unit_id, _ = _returned(tmp_path)
    person_id, person_name = _first_person(school, unit_id)
    update_staff(school, person_id, {"overseas": "5", "not_teaching": True})
    change = _resubmitted(school, county, tmp_path)
    assert set(change.fields) == {(person_name, "港澳台侨", "（空）", "台湾同胞"),
                                  (person_name, "本学年不授课", "否", "是")}
    assert any(person_name in line and "港澳台侨" in line and "本学年不授课" in line for line in change.lines)
