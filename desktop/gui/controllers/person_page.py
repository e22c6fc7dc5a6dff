"""The person page: one member of staff with credentials, training totals and history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.codes import (
    EducationLevel,
    EmploymentForm,
    EndReason,
    Gender,
    StaffCategory,
    Stage,
    Subject,
    Title,
    TrainingCategory,
)
from desktop.domain.numbers import amount
from desktop.domain.records import TrainingData
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.conduct_tab import ConductTable
from desktop.gui.controllers.history_tab import HistoryTable
from desktop.gui.controllers.training_form import TrainingForm
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.records import MovementModel, PersonCredentialModel, PersonTrainingModel
from desktop.gui.operations import records as record_ops
from desktop.gui.operations import staff as ops
from desktop.gui.operations.shapes import ServiceError
from desktop.gui.undo import CreateCommand
from desktop.gui.views.person_view import PersonView


class PersonPage(QWidget):
    back_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff_id: int | None = None
        self.page: ops.PersonPage | None = None
        self.form = TrainingForm(with_staff=False)
        self.view = PersonView(self.form, self)
        self.history = HistoryTable()
        self.view.tabs.addTab(self.history, tr("历史"))
        self.conduct = ConductTable()  # 年度考核 and 师德: what the 定期注册 readiness list reads
        self.view.tabs.addTab(self.conduct, tr("年度考核与师德"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.credential_model = PersonCredentialModel(self)
        self.training_model = PersonTrainingModel(self)
        self.movement_model = MovementModel(self)
        self.view.credentials.setModel(self.credential_model)
        self.view.training.setModel(self.training_model)
        self.view.movements.setModel(self.movement_model)
        for table, model in ((self.view.credentials, self.credential_model),
                             (self.view.training, self.training_model), (self.view.movements, self.movement_model)):
            for i, column in enumerate(model.columns):
                table.horizontalHeader().resizeSection(i, column.width + 20)
        self.view.back.clicked.connect(self.back_requested)
        self.form.save_new.connect(lambda payload: self.add_training(*payload))
        ctx.events.training_changed.connect(self.reload)
        ctx.events.staff_changed.connect(self.reload)
        ctx.events.credentials_changed.connect(self.reload)

    def show_staff(self, staff_id: int) -> None:
        self.staff_id = staff_id
        self.reload()

    def reload(self) -> None:
        if self.staff_id is None:
            return
        staff_id, db, today = self.staff_id, self.ctx.db, self.ctx.as_of
        self.ctx.taskman.run(lambda: ops.load_person(db=db, staff_id=staff_id, as_of=today), on_done=self.show_page,
                             on_error=lambda e: show_unexpected(e, self))
        self.history.load(self.ctx.taskman, db, staff_id)  # 历史 tab: changes from the audit log
        self.conduct.load(self.ctx.taskman, db, staff_id, self.ctx.actor.username)

    def show_page(self, page: ops.PersonPage) -> None:
        self.page = page
        r = page.record
        v = self.view
        v.name.setText(r.name)
        facts = [Gender.label_of(r.gender), f"{tr('出生')} {r.birth_date or ''}", r.id_masked,
                 StaffCategory.label_of(r.category), EmploymentForm.label_of(r.employment_form),
                 Stage.label_of(r.teaching_stage), Subject.label_of(r.subject), EducationLevel.label_of(r.education),
                 Title.label_of(r.title)]
        v.facts.setText(" · ".join(f for f in facts if f))
        if r.status == "active":
            v.status.setText(tr("在职") + (f" · {tr('进本校')} {r.join_date}" if r.join_date else ""))
        else:
            v.status.setText(f"{tr('已离开')}：{EndReason.label_of(r.end_reason)} {r.end_date}")
        t = page.totals
        v.cycle.setText(tr("培训周期 {a} 至 {b}，按 {req:g} 学时计").replace("{a}", str(t.cycle_start))
                        .replace("{b}", str(t.cycle_end)).replace("{req:g}", f"{amount(t.required)}"))
        v.total.setText(f"{amount(t.totals.total)} {tr('学时')}")
        v.progress.setRange(0, int(t.required))
        v.progress.setValue(int(min(t.totals.total, t.required)))
        v.progress.setFormat(f"{amount(t.totals.total)} / {amount(t.required)}")
        if t.missing == 0:
            v.gap.setText(tr("已达到本周期要求。"))
        else:
            state = tr("进度正常") if t.on_track else tr("进度落后")
            v.gap.setText(tr("距周期要求还差 {m:g} 学时；按时间进度现在应有 {d:g} 学时（{s}）。")
                          .replace("{m:g}", f"{amount(t.missing)}").replace("{d:g}", f"{amount(t.due_by_now)}")
                          .replace("{s}", state))
        v.by_category.setText(tr("按科目类别：") + "，".join(
            f"{TrainingCategory.label_of(c)} {amount(t.totals.by_category.get(c, 0))}" for c, _ in TrainingCategory.choices()))
        v.it_hours.setText(tr("近三年信息技术应用能力：{h:g} 学时（要求 {r:g}）")
                           .replace("{h:g}", f"{amount(t.totals.it_hours_3y)}").replace("{r:g}", f"{amount(t.it_required)}"))
        v.modes.setText(tr("面授 {f:g} 学时，网络研修 {o:g} 学时").replace("{f:g}", f"{amount(t.totals.face_to_face)}")
                        .replace("{o:g}", f"{amount(t.totals.online)}"))
        self.credential_model.set_rows(page.credentials)
        dues = [c.next_due for c in page.credentials if c.next_due]
        v.registration.setText(tr("下次定期注册：") + (str(min(dues)) if dues else tr("无注册记录")))
        self.training_model.set_rows(page.training)
        self.movement_model.set_rows(page.movements)

    def add_training(self, _staff: object, data: TrainingData) -> None:
        if self.staff_id is None:
            return
        db, staff_id = self.ctx.db, self.staff_id

        def done(training_id: int) -> None:
            self.form.reset_after_save()
            self.ctx.undo.push(CreateCommand(
                tr("添加培训记录"), taskman=self.ctx.taskman, record_id=training_id,
                create=lambda: record_ops.add_training(db=db, staff_id=staff_id, data=data),
                delete=lambda i: record_ops.delete_training(db=db, training_id=i),
                apply=lambda _r: emit(self.ctx.events.training_changed),
                on_error=lambda e: show_unexpected(e, self)))
            emit(self.ctx.events.training_changed)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.form.show_errors(exc.field_messages(), exc.message)
            else:
                show_unexpected(exc, self)

        self.ctx.taskman.run(lambda: record_ops.add_training(db=db, staff_id=staff_id, data=data), on_done=done,
                             on_error=failed)
