"""Layout of the 人员核查 page: the 核查单 button, and tabs for 定期注册预判, 调入确认, 年度考核与师德."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import AppraisalResult, EthicsKind, MovementKind
from desktop.gui.i18n import tr
from desktop.gui.views.widgets import code_combo, date_edit, list_table

DUE_HEADERS = ["学校", "姓名", "证件号码", "到期日", "预判", "学时", "原因（学校应做的事）"]
TRANSFER_HEADERS = ["编号", "姓名", "证件号码", "调出学校", "调出日期", "本周期学时"]
OUT_HEADERS = ["编号", "姓名", "证件号码", "调入学校", "调出日期", "本周期学时"]


class PeopleView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(tr("人员核查"))
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.checklist_button = QPushButton(tr("打印校长核查单（PDF）…"))
        self.checklist_button.setToolTip(tr("每名教职工一行，附填写说明、数据指纹和二维码，由校长逐行核对后签字"))
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.checklist_button)
        layout.addLayout(top)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        due = QWidget()
        v = QVBoxLayout(due)
        row = QHBoxLayout()
        self.months = QSpinBox()
        self.months.setRange(1, 60)
        self.months.setValue(12)
        self.months.setSuffix(tr(" 个月内到期"))
        self.due_refresh = QPushButton(tr("刷新"))
        self.due_summary = QLabel("")
        row.addWidget(self.months)
        row.addWidget(self.due_refresh)
        row.addWidget(self.due_summary, 1)
        v.addLayout(row)
        self.due_table = list_table([tr(h) for h in DUE_HEADERS])
        v.addWidget(self.due_table, 1)
        self.tabs.addTab(due, tr("定期注册预判"))

        moves = QWidget()
        v = QVBoxLayout(moves)
        row = QHBoxLayout()
        self.import_transfer = QPushButton(tr("导入调动文件…"))
        self.in_date = date_edit()
        self.confirm_transfer = QPushButton(tr("确认调入所选人员"))
        self.refuse_transfer = QPushButton(tr("不予确认…"))
        self.refuse_transfer.setToolTip(tr("此人不调入本校（如调出学校已撤销调出）：填写原因后从待确认列表中退回"))
        row.addWidget(self.import_transfer)
        row.addStretch(1)
        row.addWidget(QLabel(tr("调入日期")))
        row.addWidget(self.in_date)
        row.addWidget(self.confirm_transfer)
        row.addWidget(self.refuse_transfer)
        v.addLayout(row)
        self.transfer_table = list_table([tr(h) for h in TRANSFER_HEADERS])
        v.addWidget(self.transfer_table, 1)
        box = QGroupBox(tr("办理调出（本校人员调往其他学校）"))
        out_box = QVBoxLayout(box)
        out_row = QHBoxLayout()
        out_box.addLayout(out_row)
        self.out_id = QLineEdit()
        self.out_id.setPlaceholderText(tr("证件号码"))
        self.out_to = QLineEdit()
        self.out_to.setPlaceholderText(tr("调入学校标识码（10 位）"))
        self.out_to_name = QLineEdit()
        self.out_to_name.setPlaceholderText(tr("调入学校名称"))
        self.out_kind = code_combo(MovementKind)
        self.out_kind.removeItem(self.out_kind.findData(MovementKind.JOINED.value))
        self.out_date = date_edit()
        self.transfer_out = QPushButton(tr("调出并导出调动文件…"))
        for w in (self.out_id, self.out_to, self.out_to_name, self.out_kind, self.out_date, self.transfer_out):
            out_row.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("本校已办理的调出（办理有误时，选中后可撤销）")), 1)
        self.withdraw_out = QPushButton(tr("撤销所选调出…"))
        self.withdraw_out.setToolTip(tr("此人的记录恢复为在职，调出时添加的调动经历一并删除"))
        row.addWidget(self.withdraw_out)
        out_box.addLayout(row)
        self.out_table = list_table([tr(h) for h in OUT_HEADERS])
        out_box.addWidget(self.out_table, 1)
        v.addWidget(box, 1)
        self.tabs.addTab(moves, tr("调动"))

        conduct = QWidget()
        h = QHBoxLayout(conduct)
        box = QGroupBox(tr("年度考核"))
        form = QFormLayout(box)
        self.appraisal_id = QLineEdit()
        self.appraisal_year = QSpinBox()
        self.appraisal_year.setRange(1990, 2100)
        self.appraisal_result = code_combo(AppraisalResult)
        self.save_appraisal = QPushButton(tr("保存考核结果"))
        form.addRow(tr("证件号码"), self.appraisal_id)
        form.addRow(tr("考核年度"), self.appraisal_year)
        form.addRow(tr("考核结果"), self.appraisal_result)
        form.addRow(self.save_appraisal)
        h.addWidget(box)
        box = QGroupBox(tr("师德记录"))
        form = QFormLayout(box)
        self.ethics_id = QLineEdit()
        self.ethics_date = date_edit()
        self.ethics_kind = code_combo(EthicsKind)
        self.ethics_text = QLineEdit()
        self.ethics_text.setPlaceholderText(tr("事由，例如：获评县级师德标兵"))
        self.save_ethics = QPushButton(tr("保存师德记录"))
        form.addRow(tr("证件号码"), self.ethics_id)
        form.addRow(tr("日期"), self.ethics_date)
        form.addRow(tr("类别"), self.ethics_kind)
        form.addRow(tr("事由"), self.ethics_text)
        form.addRow(self.save_ethics)
        h.addWidget(box)
        side = QVBoxLayout()
        self.import_appraisals = QPushButton(tr("从表格导入年度考核…"))
        self.import_ethics = QPushButton(tr("从表格导入师德记录…"))
        side.addWidget(self.import_appraisals)
        side.addWidget(self.import_ethics)
        side.addStretch(1)
        h.addLayout(side)
        self.tabs.addTab(conduct, tr("年度考核与师德"))
