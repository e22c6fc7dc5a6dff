<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>EduReturns</name>
    <message>
      <source>操作日志</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>全部操作人</source>
      <translation>All users</translation>
    </message>
    <message>
      <source>全部记录类型</source>
      <translation>All record types</translation>
    </message>
    <message>
      <source>全部操作</source>
      <translation>All actions</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>查询</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <source>正在查询…</source>
      <translation>Searching…</translation>
    </message>
    <message>
      <source>导出操作日志</source>
      <translation>Export audit log</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
      <translation>Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
      <source>（只显示最近 {n} 条，导出可得全部）</source>
      <translation> (only the latest {n} shown; export gives all)</translation>
    </message>
    <message>
      <source>共 {n} 条记录。</source>
      <translation>{n} entries.</translation>
    </message>
    <message>
      <source>已导出 {n} 条记录到 {path}。</source>
      <translation>Exported {n} entries to {path}.</translation>
    </message>
    <message>
      <source>操作前</source>
      <translation>Before an operation</translation>
    </message>
    <message>
      <source>每天第一次打开、每次导入、升级、汇总和恢复之前都会自动备份；备份经过完整性检查，保留最近 7 天、4 周和 12 个月的备份。恢复时当前数据会先另存一份备份。</source>
      <translation>A backup is taken automatically on the first start each day and before every import, upgrade, consolidation and restore; each backup is integrity-checked. The latest 7 daily, 4 weekly and 12 monthly backups are kept. A restore first saves the current data as a backup too.</translation>
    </message>
    <message>
      <source>立即备份</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <source>从备份恢复…</source>
      <translation>Restore from backup…</translation>
    </message>
    <message>
      <source>正在备份…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>从备份恢复</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <source>正在恢复…</source>
      <translation>Restoring…</translation>
    </message>
    <message>
      <source>已恢复，正在重新打开数据库…</source>
      <translation>Restored; reopening the database…</translation>
    </message>
    <message>
      <source>只有管理员可以从备份恢复。</source>
      <translation>Only an administrator can restore from a backup.</translation>
    </message>
    <message>
      <source>服务器数据库请用服务器的备份工具备份。</source>
      <translation>Back up a server database with the server's backup tools.</translation>
    </message>
    <message>
      <source>请先在列表中选择要恢复的备份。</source>
      <translation>Select the backup to restore in the list first.</translation>
    </message>
    <message>
      <source>用 {time} 的备份替换当前数据？
当前数据会先另存为一份“恢复前”备份，可以再恢复回来。恢复后窗口会重新打开。</source>
      <translation>Replace the current data with the backup of {time}?
The current data is saved first as a "before restore" backup, so you can go back. The window reopens after the restore.</translation>
    </message>
    <message>
      <source>已备份并检查完好：{0}</source>
      <translation>Backed up and checked: {0}</translation>
    </message>
    <message>
      <source>退回</source>
      <translation>Return</translation>
    </message>
    <message>
      <source>补充意见（可选），例如具体到哪位教师、哪个班级</source>
      <translation>Further comments (optional), e.g. which teacher or which class</translation>
    </message>
    <message>
      <source>编辑模板…</source>
      <translation>Edit templates…</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>编辑退回意见模板</source>
      <translation>Edit return-comment templates</translation>
    </message>
    <message>
      <source>每行一条模板：</source>
      <translation>One template per line:</translation>
    </message>
    <message>
      <source>退回以下单位：</source>
      <translation>Return these units:</translation>
    </message>
    <message>
      <source>常用退回意见（可多选）：</source>
      <translation>Common return comments (tick any):</translation>
    </message>
    <message>
      <source>请勾选模板或填写意见。</source>
      <translation>Tick a template or write a comment.</translation>
    </message>
    <message>
      <source>学校将看到：</source>
      <translation>The school will see:</translation>
    </message>
    <message>
      <source> 等 {n} 个单位</source>
      <translation> and others ({n} units in all)</translation>
    </message>
    <message>
      <source>至少 8 个字符；签名时需要输入，丢失后无法找回</source>
      <translation>At least 8 characters; needed for every signature and cannot be recovered</translation>
    </message>
    <message>
      <source>创建自签名证书</source>
      <translation>Create self-signed certificate</translation>
    </message>
    <message>
      <source>导入 PKCS#12 证书…</source>
      <translation>Import PKCS#12 certificate…</translation>
    </message>
    <message>
      <source>证书主体</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>SHA-256 指纹</source>
      <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
      <source>有效期至</source>
      <translation>Valid until</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>Files</translation>
    </message>
    <message>
      <source>证书名称</source>
      <translation>Name on the certificate</translation>
    </message>
    <message>
      <source>证书密码</source>
      <translation>Certificate password</translation>
    </message>
    <message>
      <source>自签名证书只有在接收方安装（信任）了本单位证书后才显示为可信；请把指纹告诉接收方核对。签名时间是本机时间，没有可信时间戳。</source>
      <translation>A self-signed certificate shows as trusted only after the recipient installs (trusts) this unit's certificate; tell them the fingerprint to compare. The signing time is this computer's clock, not a trusted timestamp.</translation>
    </message>
    <message>
      <source>正在处理证书…</source>
      <translation>Processing the certificate…</translation>
    </message>
    <message>
      <source>选择证书文件</source>
      <translation>Choose certificate file</translation>
    </message>
    <message>
      <source>PKCS#12 证书 (*.p12 *.pfx)</source>
      <translation>PKCS#12 certificate (*.p12 *.pfx)</translation>
    </message>
    <message>
      <source>请输入这个证书文件的密码：</source>
      <translation>Enter the password of this certificate file:</translation>
    </message>
    <message>
      <source>只有管理员可以创建或导入签名证书。</source>
      <translation>Only an administrator can create or import the signing certificate.</translation>
    </message>
    <message>
      <source>本单位还没有签名证书。</source>
      <translation>This unit has no signing certificate yet.</translation>
    </message>
    <message>
      <source>；二维码公钥：</source>
      <translation>; QR public key: </translation>
    </message>
    <message>
      <source>证书：</source>
      <translation>Certificate: </translation>
    </message>
    <message>
      <source>证书已保存（私钥已用证书密码加密）。指纹：</source>
      <translation>Certificate saved (private key encrypted with the certificate password). Fingerprint: </translation>
    </message>
    <message>
      <source>搜索班级名称或学校</source>
      <translation>Search class name or school</translation>
    </message>
    <message>
      <source>全部班额</source>
      <translation>All class sizes</translation>
    </message>
    <message>
      <source>仅大班额及以上</source>
      <translation>Large classes only</translation>
    </message>
    <message>
      <source>班级名称，如 三年级(2)班</source>
      <translation>Class name, e.g. Grade 3 (2)</translation>
    </message>
    <message>
      <source>添加班级</source>
      <translation>Add class</translation>
    </message>
    <message>
      <source>班级与学位</source>
      <translation>Classes &amp; seats</translation>
    </message>
    <message>
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <source>学生数</source>
      <translation>Students</translation>
    </message>
    <message>
      <source>学位（按学段）</source>
      <translation>Seats by stage</translation>
    </message>
    <message>
      <source>已保存。</source>
      <translation>Saved.</translation>
    </message>
    <message>
      <source>已添加班级：</source>
      <translation>Class added: </translation>
    </message>
    <message>
      <source>修改班级</source>
      <translation>Edit class</translation>
    </message>
    <message>
      <source>修改核定学位</source>
      <translation>Edit approved seats</translation>
    </message>
    <message>
      <source>添加班级 </source>
      <translation>Add class </translation>
    </message>
    <message>
      <source>显示 {n} 个班；大班额 {l} 个，超大班额 {h} 个。</source>
      <translation>Showing {n} classes; {l} large, {h} oversized.</translation>
    </message>
    <message>
      <source>记录未报原因…</source>
      <translation>Record reason for not reporting…</translation>
    </message>
    <message>
      <source>为确实无法上报的单位记录原因；汇总须每个应报单位都已上报或有原因，才能标记为可上报。</source>
      <translation>Record why a unit truly cannot report; the consolidation can be marked ready to submit only when every expected unit has reported or has a reason.</translation>
    </message>
    <message>
      <source>当日收到</source>
      <translation>Received that day</translation>
    </message>
    <message>
      <source>累计收到</source>
      <translation>Received in total</translation>
    </message>
    <message>
      <source>截止日期</source>
      <translation>Due date</translation>
    </message>
    <message>
      <source>记录未报原因</source>
      <translation>Record reason for not reporting</translation>
    </message>
    <message>
      <source>该单位本学年为什么不上报（如：已撤并、停办）：</source>
      <translation>Why this unit does not report this school year (e.g. merged, closed):</translation>
    </message>
    <message>
      <source>请先在表格中选中一个未报送的单位，再记录原因。</source>
      <translation>Select a unit that has not reported in the table first, then record the reason.</translation>
    </message>
    <message>
      <source>每日收到的数据包（截止日期 {d}）</source>
      <translation>Packages received per day (deadline {d})</translation>
    </message>
    <message>
      <source>应报 {n}</source>
      <translation>Expected {n}</translation>
    </message>
    <message>
      <source>{y}年{m}月（日）</source>
      <translation>{y}-{m} (day)</translation>
    </message>
    <message>
      <source>应报 {n}，已报 {r}（按时 {o}，逾期 {l}，其中零上报 {z}），未报但已记录原因 {a}，未报 {m}；一次通过 {f}。</source>
      <translation>Expected {n}, reported {r} (on time {o}, late {l}, of which nil returns {z}), not reported with a recorded reason {a}, not reported {m}; accepted first time {f}.</translation>
    </message>
    <message>
      <source>删除所选师德记录</source>
      <translation>Delete the selected ethics record</translation>
    </message>
    <message>
      <source>删除师德记录</source>
      <translation>Delete ethics record</translation>
    </message>
    <message>
      <source>删除会记入操作日志；若是录错了人，请在正确的人员下重新录入。</source>
      <translation>The deletion is recorded in the audit log. If the record was entered for the wrong person, enter it again under the right person.</translation>
    </message>
    <message>
      <source>已删除这条师德记录。</source>
      <translation>The ethics record was deleted.</translation>
    </message>
    <message>
      <source>确定删除这条师德记录吗？</source>
      <translation>Delete this ethics record?</translation>
    </message>
    <message>
      <source>新增证书</source>
      <translation>New certificate</translation>
    </message>
    <message>
      <source>添加 (Ctrl+S)</source>
      <translation>Add (Ctrl+S)</translation>
    </message>
    <message>
      <source>录入最近一次定期注册</source>
      <translation>Enter the latest registration</translation>
    </message>
    <message>
      <source>编辑证书：</source>
      <translation>Edit certificate: </translation>
    </message>
    <message>
      <source>录入新的定期注册（最近一次：{d}）</source>
      <translation>Enter a newer registration (latest: {d})</translation>
    </message>
    <message>
      <source>无</source>
      <translation>none</translation>
    </message>
    <message>
      <source>资格证书</source>
      <translation>Certificates</translation>
    </message>
    <message>
      <source>修改证书</source>
      <translation>Edit certificate</translation>
    </message>
    <message>
      <source>证书类别</source>
      <translation>Certificate</translation>
    </message>
    <message>
      <source>注册状态</source>
      <translation>Registration</translation>
    </message>
    <message>
      <source>已添加证书：</source>
      <translation>Certificate added: </translation>
    </message>
    <message>
      <source>添加证书</source>
      <translation>Add certificate</translation>
    </message>
    <message>
      <source>显示 {n} 本证书。</source>
      <translation>Showing {n} certificates.</translation>
    </message>
    <message>
      <source>没有找到完好的备份。请联系技术支持，不要删除改名后的文件；也可以新建或打开其他数据库。</source>
      <translation>No good backup was found. Contact support and do not delete the renamed files; you can also create or open another database.</translation>
    </message>
    <message>
      <source>数据库已损坏</source>
      <translation>Database damaged</translation>
    </message>
    <message>
      <source>新建或打开其他数据库</source>
      <translation>Create or open another database</translation>
    </message>
    <message>
      <source>找到了最近的完好备份：{backup}。
建议从这个备份恢复（备份之后录入的数据需要重新录入）。</source>
      <translation>The newest good backup is {backup}.
Restoring from it is recommended (data entered after that backup must be entered again).</translation>
    </message>
    <message>
      <source>从这个备份恢复</source>
      <translation>Restore from this backup</translation>
    </message>
    <message>
      <source>数据库文件 {name} 没有通过完整性检查，可能已损坏。为了不丢失任何数据，原文件没有删除，已连同它的日志文件改名保存在原文件夹：
{moved}

</source>
      <translation>The database file {name} failed the integrity check and may be damaged. To lose nothing, the file was not deleted; it and its journal files were renamed in the same folder:
{moved}

</translation>
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>转到(&amp;G)</source>
      <translation>&amp;Go</translation>
    </message>
    <message>
      <source>统计期(&amp;P)</source>
      <translation>&amp;Period</translation>
    </message>
    <message>
      <source>工具(&amp;T)</source>
      <translation>&amp;Tools</translation>
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>数据库打开后，这里显示截止日期和提醒。</source>
      <translation>The deadlines and reminders appear here once the database is open.</translation>
    </message>
    <message>
      <source>正在打开数据库，打开后显示所点的名单，请稍候…</source>
      <translation>Opening the database; the list you clicked appears once it is open. Please wait…</translation>
    </message>
    <message>
      <source>截止日期与提醒（按今天 {today}）</source>
      <translation>Deadline and reminders (as of today, {today})</translation>
    </message>
    <message>
      <source>正在打开数据库“{name}”…数据自上次关闭以来没有变化，这里先显示上次的统计数字。</source>
      <translation>Opening the database “{name}”… The data has not changed since it was last closed, so the figures from last time are shown here first.</translation>
    </message>
    <message>
      <source>正在打开数据库，打开后显示“{page}”页，请稍候…</source>
      <translation>Opening the database; the “{page}” page appears once it is open. Please wait…</translation>
    </message>
    <message>
      <source>离开日期在统计时点（{when}）之后：{name} 在统计时点仍在岗，{year}学年的报表和指标照常计入此人，下一学年起不再计入。</source>
      <translation>The leaving date is after the census date ({when}): {name} was still in post on the census date, so the returns and indicators of school year {year} count this person as usual; from next school year on they no longer do.</translation>
    </message>
    <message>
      <source>离开日期在统计时点（{when}）当天或之前：{name} 不计入{year}学年的报表和指标。</source>
      <translation>The leaving date is on or before the census date ({when}): {name} is not counted in the returns and indicators of school year {year}.</translation>
    </message>
    <message>
      <source>已根据本年的记录起草填写说明，请核对、修改后保存。</source>
      <translation>An explanation was drafted from this year's records; check and edit it, then save.</translation>
    </message>
    <message>
      <source>请先在同一列中选中要填充的几个单元格（最上面一个是要复制的值），再按 Ctrl+D。</source>
      <translation>First select the cells to fill in one column (the top one holds the value to copy), then press Ctrl+D.</translation>
    </message>
    <message>
      <source>已向下填充 {n} 个单元格，逐个保存并检查。</source>
      <translation>Filled down {n} cells; each is saved and checked.</translation>
    </message>
    <message>
      <source>已粘贴 {n} 个单元格，逐个保存并检查；不能保存的会标红并说明原因。</source>
      <translation>Pasted {n} cells; each is saved and checked. Cells that cannot be saved are marked red with the reason.</translation>
    </message>
    <message>
      <source>“{text}”不是日期，请写成 2025-09-01 的样子。</source>
      <translation>"{text}" is not a date; write it like 2025-09-01.</translation>
    </message>
    <message>
      <source>“{text}”不是数字。</source>
      <translation>"{text}" is not a number.</translation>
    </message>
    <message>
      <source>“{text}”不是“{what}”的可选项，请从下拉列表中选择。</source>
      <translation>"{text}" is not a choice of "{what}"; pick one from the drop-down list.</translation>
    </message>
    <message>
      <source>读取文件时发生意外错误，没有写入任何数据。请把文件另存为 .xlsx 后重试。</source>
      <translation>An unexpected error occurred while reading the file; nothing was written. Save the file as .xlsx and try again.</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>下一步</source>
      <translation>Next</translation>
    </message>
    <message>
      <source>上一步</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>选择要导入的文件</source>
      <translation>Choose a file to import</translation>
    </message>
    <message>
      <source>正在检查文件…</source>
      <translation>Checking the file…</translation>
    </message>
    <message>
      <source>正在读取和检查数据，行数多时需要几秒钟…</source>
      <translation>Reading and checking the data; a large sheet takes a few seconds…</translation>
    </message>
    <message>
      <source>保存错误清单</source>
      <translation>Save error list</translation>
    </message>
    <message>
      <source> — 隐藏的工作表</source>
      <translation> — hidden sheet</translation>
    </message>
    <message>
      <source>（不导入）</source>
      <translation>(do not import)</translation>
    </message>
    <message>
      <source>（请选择）</source>
      <translation>(please choose)</translation>
    </message>
    <message>
      <source>必填字段都已对应。</source>
      <translation>All required fields are mapped.</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>更新</source>
      <translation>Updates</translation>
    </message>
    <message>
      <source>错误</source>
      <translation>Errors</translation>
    </message>
    <message>
      <source>新增 {add} 行，更新 {update} 行，错误 {error} 行，无需导入 {skip} 行；已勾选 {n} 行。</source>
      <translation>{add} new, {update} updates, {error} errors, {skip} unchanged; {n} rows ticked.</translation>
    </message>
    <message>
      <source>正在导入…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>导入{what}</source>
      <translation>Import {what}</translation>
    </message>
    <message>
      <source>{name}（{rows} 行）</source>
      <translation>{name} ({rows} rows)</translation>
    </message>
    <message>
      <source>正在导入 {n} 行…</source>
      <translation>Importing {n} rows…</translation>
    </message>
    <message>
      <source>没有导入任何数据：</source>
      <translation>Nothing was imported: </translation>
    </message>
    <message>
      <source>文件可以读取，共 {n} 个工作表。请点“下一步”。</source>
      <translation>The file can be read; it has {n} sheet(s). Click Next.</translation>
    </message>
    <message>
      <source>文件中没有“{label}”列，本批新增人员的{label}是：</source>
      <translation>The file has no "{label}" column; the {label} of the people added by this import is:</translation>
    </message>
    <message>
      <source>还没有对应的必填字段：{names}。这些行将作为错误行列出。</source>
      <translation>Required fields not yet mapped: {names}. Rows will be listed as errors.</translation>
    </message>
    <message>
      <source>{names} 对应了不止一列，请只保留一列。</source>
      <translation>{names} is mapped to more than one column; keep only one.</translation>
    </message>
    <message>
      <source>请在下面为本批人员选择：{names}。</source>
      <translation>Choose below for the people of this import: {names}.</translation>
    </message>
    <message>
      <source>（{sheet} 第 {row} 行）</source>
      <translation> ({sheet}, row {row})</translation>
    </message>
    <message>
      <source>写入{period}：</source>
      <translation>Writes to {period}:</translation>
    </message>
    <message>
      <source>正在备份数据库并写入 {n} 行，请稍候…</source>
      <translation>Backing up the database and writing {n} rows, please wait…</translation>
    </message>
    <message>
      <source>已导入：新增 {a} 条，更新 {u} 条。</source>
      <translation>Imported: {a} added, {u} updated.</translation>
    </message>
    <message>
      <source>已把 {n} 行错误保存到“{name}”。请在 Excel 中改正后重新导入。</source>
      <translation>Saved {n} error rows to "{name}". Correct them in Excel and import again.</translation>
    </message>
    <message>
      <source>审核人</source>
      <translation>reviewer</translation>
    </message>
    <message>
      <source>{period}的数据已于 {when} 由 {who} 审核通过，已锁定，只能查看。如需修改，请审核人在“上报”页点击“解锁”并填写原因。</source>
      <translation>The data of {period} was approved on {when} by {who} and is locked (view only). To change it, a reviewer clicks "Unlock" on the Submit page and gives a reason.</translation>
    </message>
    <message>
      <source>正在登录…</source>
      <translation>Signing in…</translation>
    </message>
    <message>
      <source>请输入用户名和密码。</source>
      <translation>Enter user name and password.</translation>
    </message>
    <message>
      <source>可以再次尝试登录。</source>
      <translation>You can try to log in again.</translation>
    </message>
    <message>
      <source>{unit}：请登录</source>
      <translation>{unit}: please log in</translation>
    </message>
    <message>
      <source>连续 {n} 次登录失败，账户已暂时锁定，请 {s} 秒后再试。忘记密码请联系管理员重设。</source>
      <translation>{n} failed logins in a row: the account is locked for now, try again in {s} seconds. If you forgot the password, ask the administrator to reset it.</translation>
    </message>
    <message>
      <source>代报：</source>
      <translation>Proxy entry: </translation>
    </message>
    <message>
      <source>打开或新建数据库…</source>
      <translation>Open or create database…</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>重做</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>关于</source>
      <translation>About</translation>
    </message>
    <message>
      <source>数据库完整性检查通过后，这里会显示各页面。</source>
      <translation>The pages appear here once the database has passed its integrity check.</translation>
    </message>
    <message>
      <source>找不到该语言的翻译文件，已保存选择，重新启动程序后再试。</source>
      <translation>The translation file for this language is missing; the choice is saved, restart the program to try again.</translation>
    </message>
    <message>
      <source>EduReturns（教育数据填报）：学校和教育局离线填报教师资格、培训学时和学位数据。</source>
      <translation>EduReturns: offline returns of teacher certificates, training hours and school seats for schools and education offices.</translation>
    </message>
    <message>
      <source>数据库完整性检查通过（用时 {s} 秒），可以正常录入了。</source>
      <translation>The database passed its integrity check ({s} s); you can enter data now.</translation>
    </message>
    <message>
      <source>要导入的数据包：{0}。请在“上报”页导入。</source>
      <translation>Package to import: {0}. Import it on the Submit page.</translation>
    </message>
    <message>
      <source>个班级</source>
      <translation>classes</translation>
    </message>
    <message>
      <source>人</source>
      <translation>people</translation>
    </message>
    <message>
      <source>选择导出文件夹</source>
      <translation>Choose the export folder</translation>
    </message>
    <message>
      <source>选择已上报的国家统计报表</source>
      <translation>Choose the submitted national statistics table</translation>
    </message>
    <message>
      <source>逻辑校验：全部通过</source>
      <translation>Logic checks: all passed</translation>
    </message>
    <message>
      <source>逻辑校验：{n} 条未通过（双击跳到格子或人员）</source>
      <translation>Logic checks: {n} failed (double-click to go to the cell or person)</translation>
    </message>
    <message>
      <source>已写出：</source>
      <translation>Written: </translation>
    </message>
    <message>
      <source>核对 {file}：与记录完全一致</source>
      <translation>Checked {file}: matches the records exactly</translation>
    </message>
    <message>
      <source>核对 {file}：{n} 处与记录不一致（双击跳到格子）</source>
      <translation>Checked {file}: {n} differences from the records (double-click to go to the cell)</translation>
    </message>
    <message>
      <source>专任教师本周期培训学时分布（人）</source>
      <translation>Teachers by training hours this cycle</translation>
    </message>
    <message>
      <source>人数</source>
      <translation>People</translation>
    </message>
    <message>
      <source>学时</source>
      <translation>Hours</translation>
    </message>
    <message>
      <source>专任教师学历结构（按学段）</source>
      <translation>Teachers by education level and stage</translation>
    </message>
    <message>
      <source>按统计时点 {day}</source>
      <translation>as of the census date {day}</translation>
    </message>
    <message>
      <source>统计数字（{when}，与报表一致）</source>
      <translation>Counts ({when}, as in the returns)</translation>
    </message>
    <message>
      <source>按进度此时应有 {h:g} 学时</source>
      <translation>On pace means {h:g} hours by now</translation>
    </message>
    <message>
      <source>{when}计数；点击查看名单。</source>
      <translation>Counted {when}; click to see the list.</translation>
    </message>
    <message>
      <source>未填学段</source>
      <translation>No stage</translation>
    </message>
    <message>
      <source>{unit} · {period} · 统计时点 {day}。点击任一数字查看名单。</source>
      <translation>{unit} · {period} · census date {day}. Click a number to see who is behind it.</translation>
    </message>
    <message>
      <source>仅显示：培训学时进度落后的专任教师</source>
      <translation>Only: teachers behind on training hours</translation>
    </message>
    <message>
      <source>仅显示：大班额班级（56–65 人）</source>
      <translation>Only: large classes (56–65)</translation>
    </message>
    <message>
      <source>仅显示：超大班额班级（66 人及以上）</source>
      <translation>Only: oversized classes (66+)</translation>
    </message>
    <message>
      <source>重新导入调动文件后恢复待确认</source>
      <translation>Back to pending after the transfer file was imported again</translation>
    </message>
    <message>
      <source>保存校长核查单</source>
      <translation>Save the principal's verification sheet</translation>
    </message>
    <message>
      <source>导入调动文件</source>
      <translation>Import transfer file</translation>
    </message>
    <message>
      <source>调动文件 (*.json)</source>
      <translation>Transfer files (*.json)</translation>
    </message>
    <message>
      <source>恢复待确认</source>
      <translation>Back to pending</translation>
    </message>
    <message>
      <source>调动文件保存到（如 U 盘）</source>
      <translation>Save the transfer file to (e.g. a USB stick)</translation>
    </message>
    <message>
      <source>撤销调出</source>
      <translation>Withdraw transfer-out</translation>
    </message>
    <message>
      <source>撤销原因（记入操作日志），例如：录错了人</source>
      <translation>Reason for withdrawing (kept in the audit log), e.g. wrong person</translation>
    </message>
    <message>
      <source>不予确认调入</source>
      <translation>Refuse transfer-in</translation>
    </message>
    <message>
      <source>{name} 的这份调动文件此前已不予确认（退回），未再列入待确认。如确需调入，请与调出学校核对。</source>
      <translation>The transfer file of {name} was refused earlier and is not listed as pending again. If the person really moves here, check with the sending school.</translation>
    </message>
    <message>
      <source>请先在“本校已办理的调出”表中选中要撤销的调出。</source>
      <translation>First select the transfer-out to withdraw in the table "Transfers out recorded by this school".</translation>
    </message>
    <message>
      <source>请先在表中选中不予确认调入的人员。</source>
      <translation>First select in the table the person whose transfer-in you refuse.</translation>
    </message>
    <message>
      <source>请先在表中选中要确认调入的人员。</source>
      <translation>Select the people to confirm as transferred in first.</translation>
    </message>
    <message>
      <source>（已逾期）</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <source>{name} 的调入此前已确认，无需再导入。</source>
      <translation>The transfer-in of {name} was already confirmed; there is no need to import it again.</translation>
    </message>
    <message>
      <source>已收到 {name} 的调动文件（自 {from_unit}），请在下表确认调入。</source>
      <translation>Received the transfer file of {name} (from {from_unit}); confirm the transfer in the table below.</translation>
    </message>
    <message>
      <source>{name}（自 {from_unit}）的调入此前已不予确认（退回）。
如果当时是误操作、此人确实调入本校，可以恢复为待确认，再在下表确认调入。是否恢复？</source>
      <translation>The transfer of {name} (from {from_unit}) was refused earlier.
If that was a mistake and this person really joins this school, it can go back to pending and be confirmed in the table below. Put it back?</translation>
    </message>
    <message>
      <source>已将 {name} 的调入恢复为待确认，请在下表选中后确认调入。</source>
      <translation>The transfer of {name} is pending again: select it in the table below and confirm it.</translation>
    </message>
    <message>
      <source>撤销 {name} 调往 {to} 的调出？
此人的记录将恢复为在职，调出时添加的调动经历一并删除。</source>
      <translation>Withdraw the transfer-out of {name} to {to}?
The person's record becomes active again and the move added by the transfer-out is deleted.</translation>
    </message>
    <message>
      <source>已退回 {name} 的调入，不再列入待确认。本库中此人的记录未作任何改动。</source>
      <translation>The transfer-in of {name} was refused and is no longer pending. No record of the person in this database was changed.</translation>
    </message>
    <message>
      <source>不予确认 {name}（自 {from_unit}）调入本校的原因，例如：调出学校已撤销调出</source>
      <translation>Reason for refusing the transfer-in of {name} (from {from_unit}), e.g. the sending school withdrew the transfer-out</translation>
    </message>
    <message>
      <source>已生成校长核查单：{path}。请打印后由校长逐行核对、签字。</source>
      <translation>Principal's verification sheet created: {path}. Print it and have the principal check and sign it line by line.</translation>
    </message>
    <message>
      <source>已撤销 {name} 的调出，此人已恢复为本校在职人员。如调动文件已交给 {to}，请告知该校不要确认调入（在其“调动”页选中后点“不予确认”）。</source>
      <translation>The transfer-out of {name} was withdrawn; the person is active at this school again. If the transfer file was already given to {to}, tell that school not to confirm it (on its "Transfers" tab: select the person and click "Refuse…").</translation>
    </message>
    <message>
      <source>已确认 {name} 调入，证书和培训记录已随人转入，本周期学时 {h} 继续计算。</source>
      <translation>Confirmed {name} as transferred in; certificates and training records came along, and the {h} hours of this cycle keep counting.</translation>
    </message>
    <message>
      <source>已保存 {y} 年度考核：{r}。</source>
      <translation>Saved the {y} annual appraisal: {r}.</translation>
    </message>
    <message>
      <source>已保存师德记录：{d} {k}。</source>
      <translation>Saved the ethics record: {d} {k}.</translation>
    </message>
    <message>
      <source>已为 {name} 办理调出（至 {to}），调动文件：{path}。请交给调入学校导入。</source>
      <translation>Transferred {name} out (to {to}); transfer file: {path}. Give it to the receiving school to import.</translation>
    </message>
    <message>
      <source>共 {n} 人：预判合格 {a}，暂缓 {b}，不合格 {c}。暂缓和不合格的请按“原因”一栏补录或处理。</source>
      <translation>{n} people: expected to pass {a}, deferred {b}, failing {c}. For deferred and failing people, add records or act as the "Reason" column says.</translation>
    </message>
    <message>
      <source>转到新学年</source>
      <translation>Go to the new school year</translation>
    </message>
    <message>
      <source>开始新学年…</source>
      <translation>Start a new school year…</translation>
    </message>
    <message>
      <source>（已关闭）</source>
      <translation> (closed)</translation>
    </message>
    <message>
      <source>历史</source>
      <translation>History</translation>
    </message>
    <message>
      <source>年度考核与师德</source>
      <translation>Annual appraisal and ethics</translation>
    </message>
    <message>
      <source>已达到本周期要求。</source>
      <translation>The cycle requirement is met.</translation>
    </message>
    <message>
      <source>进度正常</source>
      <translation>on pace</translation>
    </message>
    <message>
      <source>进度落后</source>
      <translation>behind</translation>
    </message>
    <message>
      <source>按科目类别：</source>
      <translation>By subject category: </translation>
    </message>
    <message>
      <source>下次定期注册：</source>
      <translation>Next registration: </translation>
    </message>
    <message>
      <source>出生</source>
      <translation>born</translation>
    </message>
    <message>
      <source>在职</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>无注册记录</source>
      <translation>No registration</translation>
    </message>
    <message>
      <source>添加培训记录</source>
      <translation>Add training record</translation>
    </message>
    <message>
      <source>已离开</source>
      <translation>Left</translation>
    </message>
    <message>
      <source>近三年信息技术应用能力：{h:g} 学时（要求 {r:g}）</source>
      <translation>IT skills in the last 3 years: {h:g} hours (required {r:g})</translation>
    </message>
    <message>
      <source>面授 {f:g} 学时，网络研修 {o:g} 学时</source>
      <translation>Face-to-face {f:g} hours, online {o:g} hours</translation>
    </message>
    <message>
      <source>进本校</source>
      <translation>joined</translation>
    </message>
    <message>
      <source>培训周期 {a} 至 {b}，按 {req:g} 学时计</source>
      <translation>Training cycle {a} to {b}, {req:g} hours required</translation>
    </message>
    <message>
      <source>距周期要求还差 {m:g} 学时；按时间进度现在应有 {d:g} 学时（{s}）。</source>
      <translation>{m:g} hours still needed this cycle; on pace means {d:g} hours by now ({s}).</translation>
    </message>
    <message>
      <source>代报</source>
      <translation>Proxy entry</translation>
    </message>
    <message>
      <source>为哪所学校录入数据（代报）：</source>
      <translation>Enter data for which school (proxy entry):</translation>
    </message>
    <message>
      <source>结束代报，返回本局</source>
      <translation>End proxy entry, back to this office</translation>
    </message>
    <message>
      <source>本库还没有下属学校。请先在“上报”页导入学校的数据包或应报单位名单。</source>
      <translation>This database has no schools below yet. Import the schools' packages or the list of expected units on the Submit page first.</translation>
    </message>
    <message>
      <source>代报：为下属学校录入…</source>
      <translation>Proxy entry: enter data for a school below…</translation>
    </message>
    <message>
      <source>代报：正在为{name}录入数据，每条记录都标记为代报。</source>
      <translation>Proxy entry: entering data for {name}; every record is marked as proxy entry.</translation>
    </message>
    <message>
      <source>保存 (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>没有修改，无需保存。</source>
      <translation>Nothing changed; nothing to save.</translation>
    </message>
    <message>
      <source>未保存，请按红字提示修改后再保存。</source>
      <translation>Not saved: correct the fields marked in red and save again.</translation>
    </message>
    <message>
      <source>请先选择教职工：输入姓名、拼音首字母或证件号后四位，再从列表中点选。</source>
      <translation>Choose the staff member first: type a name, pinyin initials or the last four ID digits, then pick from the list.</translation>
    </message>
    <message>
      <source>没有需要提醒的事项。</source>
      <translation>Nothing needs a reminder.</translation>
    </message>
    <message>
      <source>计入规则：</source>
      <translation>Counting rule: </translation>
    </message>
    <message>
      <source>仅显示：提醒中的这本证书</source>
      <translation>Only: the certificate in the reminder</translation>
    </message>
    <message>
      <source>仅显示：提醒中的这个班级</source>
      <translation>Only: the class in the reminder</translation>
    </message>
    <message>
      <source>按今天（{today}）提醒：</source>
      <translation>Reminders as of today ({today}):</translation>
    </message>
    <message>
      <source>……另有 {n} 条{what}</source>
      <translation>… and {n} more {what}</translation>
    </message>
    <message>
      <source>培训进度按{cycle}计算，此时应完成 {need:g} 学时（全周期 {req:g} 学时）。</source>
      <translation>Training pace follows {cycle}: {need:g} hours due by now ({req:g} for the whole cycle).</translation>
    </message>
    <message>
      <source>警告</source>
      <translation>Warnings</translation>
    </message>
    <message>
      <source>保存填写说明</source>
      <translation>Save explanation</translation>
    </message>
    <message>
      <source>请先在上面的列表中选中一条警告。</source>
      <translation>First select a warning in the list above.</translation>
    </message>
    <message>
      <source>达标</source>
      <translation>Met</translation>
    </message>
    <message>
      <source>未达标</source>
      <translation>Not met</translation>
    </message>
    <message>
      <source>（未填写）</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>已选中 {n} 条警告：保存时为它们填写同一条说明。</source>
      <translation>{n} warnings selected: saving gives them all the same explanation.</translation>
    </message>
    <message>
      <source>为选中的 {n} 条保存说明</source>
      <translation>Save the explanation for the {n} selected</translation>
    </message>
    <message>
      <source>仅显示：</source>
      <translation>Only showing: </translation>
    </message>
    <message>
      <source>“{name}”未达标的 {n} 项（双击打开）：</source>
      <translation>{n} items behind "{name}" (double-click to open):</translation>
    </message>
    <message>
      <source>共 {e} 个错误、{w} 条警告，其中 {u} 条警告还没有填写说明。错误必须改正；警告写明原因即可。</source>
      <translation>{e} errors and {w} warnings; {u} warnings have no explanation yet. Errors must be corrected; a warning needs a written reason.</translation>
    </message>
    <message>
      <source>选择报表的保存位置</source>
      <translation>Choose where to save the returns</translation>
    </message>
    <message>
      <source>打印报表</source>
      <translation>Print returns</translation>
    </message>
    <message>
      <source>签名</source>
      <translation>Sign</translation>
    </message>
    <message>
      <source>请输入签名证书的密码：</source>
      <translation>Password of the signing certificate:</translation>
    </message>
    <message>
      <source>显示的是上次检查的结果，正在核对数据是否有改动……</source>
      <translation>Showing the results of the last check; checking whether the data has changed…</translation>
    </message>
    <message>
      <source>正在检查数据、计算指标，请稍候；其间可以先勾选报表、预览或导出。</source>
      <translation>Checking the data and computing indicators, please wait; meanwhile you can tick returns, preview or export.</translation>
    </message>
    <message>
      <source>检查结果已更新。</source>
      <translation>Check results updated.</translation>
    </message>
    <message>
      <source>数据没有改动，检查结果仍然有效。</source>
      <translation>The data has not changed; the check results are still valid.</translation>
    </message>
    <message>
      <source>请先在上面的列表中选中一条或多条警告，再填写说明。</source>
      <translation>First select one or more warnings in the list above, then write the explanation.</translation>
    </message>
    <message>
      <source>请至少勾选一张报表和一种导出格式。</source>
      <translation>Tick at least one return and one export format.</translation>
    </message>
    <message>
      <source>正在导出报表…</source>
      <translation>Exporting returns…</translation>
    </message>
    <message>
      <source>请先点“预览 PDF”生成要打印的报表，再打印。</source>
      <translation>Click "Preview PDF" first to build the returns to print, then print.</translation>
    </message>
    <message>
      <source>还没有配置本单位的签名证书，不能签名。请管理员到“设置 → 签名证书”中创建或导入证书，然后再点“签名”。</source>
      <translation>No signing certificate is set up for this unit, so nothing can be signed. An administrator can create or import one under "Settings → Signing certificate"; then click "Sign" again.</translation>
    </message>
    <message>
      <source>请先勾选 PDF 格式并导出报表，再对导出的 PDF 签名。</source>
      <translation>Tick PDF and export the returns first, then sign the exported PDF.</translation>
    </message>
    <message>
      <source>已送出打印：{n} 页。</source>
      <translation>Sent to the printer: {n} pages.</translation>
    </message>
    <message>
      <source>已签名：{path}</source>
      <translation>Signed: {path}</translation>
    </message>
    <message>
      <source>已标记为可上报。</source>
      <translation>Marked ready to submit.</translation>
    </message>
    <message>
      <source>已为 {n} 条警告保存填写说明，会打印在报表上。</source>
      <translation>Explanation saved for {n} warnings; it prints on the returns.</translation>
    </message>
    <message>
      <source>已导出 {n} 个文件：{names}。保存在文件夹 {folder}</source>
      <translation>Exported {n} files: {names}. Saved in the folder {folder}</translation>
    </message>
    <message>
      <source>预览没有生成完整，不能打印。请查看上面的提示，处理后再点“预览 PDF”。</source>
      <translation>The preview is incomplete and cannot be printed. See the message above, fix it, then click "Preview PDF" again.</translation>
    </message>
    <message>
      <source>请至少勾选一张报表。</source>
      <translation>Tick at least one return.</translation>
    </message>
    <message>
      <source>正在生成预览（{done}/{n}）……已生成的页面可以先看；全部生成后才能打印。</source>
      <translation>Building the preview ({done}/{n})… pages already built can be viewed; printing waits until all are built.</translation>
    </message>
    <message>
      <source>规则试算</source>
      <translation>Rule trial</translation>
    </message>
    <message>
      <source>选择规则文件并试算…</source>
      <translation>Choose a rule file and try it…</translation>
    </message>
    <message>
      <source>规则文件：TOML（templates/rules 的写法），或含 rules 的指标方案文件。</source>
      <translation>Rule file: TOML (as in templates/rules), or an indicator-set file with rules.</translation>
    </message>
    <message>
      <source>选择规则文件</source>
      <translation>Choose a rule file</translation>
    </message>
    <message>
      <source>规则文件 (*.toml *.json)</source>
      <translation>Rule files (*.toml *.json)</translation>
    </message>
    <message>
      <source>正在试算…</source>
      <translation>Trying…</translation>
    </message>
    <message>
      <source>选中一行，这里列出被标记的单位：</source>
      <translation>Select a row to list the units it flags here:</translation>
    </message>
    <message>
      <source>规则文件：</source>
      <translation>Rule file: </translation>
    </message>
    <message>
      <source>共 {n} 项试算，标记单位 {f} 个次。没有写入任何数据。</source>
      <translation>{n} rules tried, {f} unit flags in all. No data was written.</translation>
    </message>
    <message>
      <source>连接服务器数据库</source>
      <translation>Connect to a server database</translation>
    </message>
    <message>
      <source>正在连接服务器……</source>
      <translation>Connecting to the server…</translation>
    </message>
    <message>
      <source>连接</source>
      <translation>Connect</translation>
    </message>
    <message>
      <source>连接失败，请查看提示。</source>
      <translation>The connection failed; see the message.</translation>
    </message>
    <message>
      <source>服务器数据库（多台电脑共用）</source>
      <translation>Server database (shared by several PCs)</translation>
    </message>
    <message>
      <source>删除保存的密码</source>
      <translation>Delete saved password</translation>
    </message>
    <message>
      <source>切换服务器连接…</source>
      <translation>Switch server connection…</translation>
    </message>
    <message>
      <source>连接服务器数据库…</source>
      <translation>Connect to a server database…</translation>
    </message>
    <message>
      <source>当前使用本机数据库文件。教育局多台电脑共用数据时，请连接服务器数据库。</source>
      <translation>This PC works on a local database file. When several office PCs share the data, connect to a server database.</translation>
    </message>
    <message>
      <source>当前连接：</source>
      <translation>Connected to: </translation>
    </message>
    <message>
      <source>密码保存在本机系统密钥库中，启动时自动连接。</source>
      <translation>The password is kept in the system key store; the app connects at start-up.</translation>
    </message>
    <message>
      <source>密码没有保存，每次启动时询问。设置文件里从不保存密码。</source>
      <translation>The password is not saved and is asked at every start. The settings file never holds a password.</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>选择后界面立即改用该语言，停留在本页；撤销记录从此重新开始。</source>
      <translation>The interface switches to the chosen language at once, on this page; the undo history starts afresh.</translation>
    </message>
    <message>
      <source>打开数据文件夹</source>
      <translation>Open data folder</translation>
    </message>
    <message>
      <source>打开备份文件夹</source>
      <translation>Open backup folder</translation>
    </message>
    <message>
      <source>打开或新建其他数据库…</source>
      <translation>Open or create another database…</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>当前数据库</source>
      <translation>Database</translation>
    </message>
    <message>
      <source>所属单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>数据位置</source>
      <translation>Data location</translation>
    </message>
    <message>
      <source>数据文件夹</source>
      <translation>Data folder</translation>
    </message>
    <message>
      <source>备份文件夹</source>
      <translation>Backup folder</translation>
    </message>
    <message>
      <source>错误日志</source>
      <translation>Error log</translation>
    </message>
    <message>
      <source>数据库、备份和日志都保存在本机，卸载程序不会删除它们。</source>
      <translation>Databases, backups and logs are kept on this computer; uninstalling does not delete them.</translation>
    </message>
    <message>
      <source>数据包签名密钥</source>
      <translation>Package signing key</translation>
    </message>
    <message>
      <source>导出到文件…</source>
      <translation>Export to a file…</translation>
    </message>
    <message>
      <source>导入密钥文件…</source>
      <translation>Import a key file…</translation>
    </message>
    <message>
      <source>从数据库取出到本机</source>
      <translation>Take it out of the database onto this PC</translation>
    </message>
    <message>
      <source>只有管理员能导出、导入或取出签名密钥。</source>
      <translation>Only an administrator can export, import or take out the signing key.</translation>
    </message>
    <message>
      <source>密钥文件的密码（至少 8 个字符）：</source>
      <translation>Password of the key file (at least 8 characters):</translation>
    </message>
    <message>
      <source>导出签名密钥</source>
      <translation>Export the signing key</translation>
    </message>
    <message>
      <source>密钥文件 (*.pem)</source>
      <translation>Key files (*.pem)</translation>
    </message>
    <message>
      <source>设置密钥文件的密码</source>
      <translation>Set the key file password</translation>
    </message>
    <message>
      <source>导入签名密钥</source>
      <translation>Import the signing key</translation>
    </message>
    <message>
      <source>密钥文件的密码</source>
      <translation>Key file password</translation>
    </message>
    <message>
      <source>本单位签名密钥指纹：</source>
      <translation>This unit's signing key fingerprint:</translation>
    </message>
    <message>
      <source>再输入一次密码</source>
      <translation>Enter the password again</translation>
    </message>
    <message>
      <source>两次输入的密码不一致，密钥文件没有导出。</source>
      <translation>The two passwords differ; the key file was not exported.</translation>
    </message>
    <message>
      <source>（还没有，首次导出数据包时生成）</source>
      <translation>(none yet: made on the first package export)</translation>
    </message>
    <message>
      <source>已把签名密钥（指纹 {fp}）导入这台电脑的系统密钥库（已记入操作日志），这台电脑现在可以签名。请删除密钥文件。</source>
      <translation>The signing key (fingerprint {fp}) was imported into this PC's key store (recorded in the audit log); this PC can now sign. Delete the key file.</translation>
    </message>
    <message>
      <source>已把签名密钥（指纹 {fp}）从服务器数据库取出，保存到这台电脑的系统密钥库；数据库中不再有私钥（已记入操作日志）。</source>
      <translation>The signing key (fingerprint {fp}) was taken out of the server database and saved in this PC's key store; the database no longer holds the private key (recorded in the audit log).</translation>
    </message>
    <message>
      <source>已把签名密钥（指纹 {fp}）导出到 {path}（已记入操作日志）。请把文件和密码分开交给要签名的电脑，导入后删除文件。</source>
      <translation>The signing key (fingerprint {fp}) was exported to {path} (recorded in the audit log). Take the file and the password to the signing PC separately, and delete the file after importing it.</translation>
    </message>
    <message>
      <source>新增教职工</source>
      <translation>New staff member</translation>
    </message>
    <message>
      <source>输入 18 位身份证号码</source>
      <translation>Enter the 18-digit resident ID</translation>
    </message>
    <message>
      <source>保存后再填写任教课程</source>
      <translation>Save first, then enter the courses taught</translation>
    </message>
    <message>
      <source>如：数学、科学（第一门为主要任教课程）</source>
      <translation>e.g. Maths, Science (the first is the main course)</translation>
    </message>
    <message>
      <source>编辑：</source>
      <translation>Edit: </translation>
    </message>
    <message>
      <source>（留空则不修改）</source>
      <translation> (leave empty to keep)</translation>
    </message>
    <message>
      <source>教职工</source>
      <translation>Staff</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>categories</translation>
    </message>
    <message>
      <source>用人形式</source>
      <translation>Employment</translation>
    </message>
    <message>
      <source>学段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>学科</source>
      <translation>subjects</translation>
    </message>
    <message>
      <source>已保存：</source>
      <translation>Saved: </translation>
    </message>
    <message>
      <source>{name} 已办理离开，记录已保留（勾选“显示已离开人员”可查看）。</source>
      <translation>{name} has left; the record is kept (tick "Show people who left" to see it).</translation>
    </message>
    <message>
      <source>办理离开 </source>
      <translation>End employment of </translation>
    </message>
    <message>
      <source>新增 </source>
      <translation>Add </translation>
    </message>
    <message>
      <source>修改 </source>
      <translation>Edit </translation>
    </message>
    <message>
      <source>{name} 已经不在职。</source>
      <translation>{name} is no longer active.</translation>
    </message>
    <message>
      <source>显示 {shown} 人（在职共 {total} 人）。双击单元格修改，Delete 办理离开，Ctrl+Enter 打开个人页。</source>
      <translation>Showing {shown} of {total} active staff. Double-click a cell to edit, Delete to end employment, Ctrl+Enter for the person page.</translation>
    </message>
    <message>
      <source>正在检查数据库完整性…上次程序没有正常关闭（例如断电或程序崩溃），检查通过前不能修改数据，请稍候。</source>
      <translation>Checking the database's integrity… The program was not closed normally last time (a power cut or a crash, for example); data cannot be changed until the check has passed. Please wait.</translation>
    </message>
    <message>
      <source>数据库文件没有通过完整性检查，可能已损坏（{problem}）。为保护数据，程序不会在这个文件上修改；原文件会改名保留。请在接着出现的窗口中从最近的完好备份恢复。</source>
      <translation>The database file failed its integrity check and may be damaged ({problem}). To protect the data nothing is changed in this file; it is renamed and kept. Restore the newest good backup in the window that follows.</translation>
    </message>
    <message>
      <source>无法完成数据库完整性检查（{problem}），为保护数据，现在不能修改。请关闭程序后重新打开；如果仍然出现，请在“设置”中从备份恢复，或联系技术支持。</source>
      <translation>The database integrity check could not be completed ({problem}); to protect the data, nothing can be changed now. Close the program and open it again; if this happens again, restore a backup in Settings or contact support.</translation>
    </message>
    <message>
      <source>文件 {mb} MB，已用 {s} 秒</source>
      <translation>file {mb} MB, {s} s so far</translation>
    </message>
    <message>
      <source>（这是较早一次上报的回执；最近导出的数据包尚未收到回执。）</source>
      <translation>(This is the receipt of an earlier submission; the latest exported package has no receipt yet.)</translation>
    </message>
    <message>
      <source>选择教育局的回执文件</source>
      <translation>Choose the receipt file from the education office</translation>
    </message>
    <message>
      <source>数据包 (*.erp)</source>
      <translation>Packages (*.erp)</translation>
    </message>
    <message>
      <source>选择数据包的保存位置</source>
      <translation>Choose where to save the package</translation>
    </message>
    <message>
      <source>选择退回意见文件</source>
      <translation>Choose the return-comments file</translation>
    </message>
    <message>
      <source>选择下级单位的数据包</source>
      <translation>Choose packages from units below</translation>
    </message>
    <message>
      <source>选择存放数据包的文件夹</source>
      <translation>Choose the folder holding packages</translation>
    </message>
    <message>
      <source>没有替换：仍保留原来接收的数据包。</source>
      <translation>Not replaced: the package received earlier is kept.</translation>
    </message>
    <message>
      <source>选择回执的保存位置</source>
      <translation>Choose where to save the receipts</translation>
    </message>
    <message>
      <source>选择退回文件的保存位置</source>
      <translation>Choose where to save the return file</translation>
    </message>
    <message>
      <source>选择汇总报表的保存位置</source>
      <translation>Choose where to save the consolidated returns</translation>
    </message>
    <message>
      <source>及时性与完整性</source>
      <translation>Timeliness and completeness</translation>
    </message>
    <message>
      <source>正在导出上报数据包…</source>
      <translation>Exporting the package…</translation>
    </message>
    <message>
      <source>正在导入数据包…</source>
      <translation>Importing packages…</translation>
    </message>
    <message>
      <source>核对无误后点击“用新数据包替换”；不替换则保留原来接收的数据。</source>
      <translation>When the changes are right, click "Replace with the new package"; otherwise the data received earlier is kept.</translation>
    </message>
    <message>
      <source>正在汇总…</source>
      <translation>Consolidating…</translation>
    </message>
    <message>
      <source>上级退回意见：</source>
      <translation>Comments from the office above:</translation>
    </message>
    <message>
      <source>已导出：{path}。请把这个文件交给上级教育局（U盘、邮件均可）。</source>
      <translation>Exported: {path}. Give this file to the education office above (USB stick or e-mail).</translation>
    </message>
    <message>
      <source>审核通过</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>本单位 {period} 填报状态：{state}</source>
      <translation>This unit, {period}: {state}</translation>
    </message>
    <message>
      <source>以下单位重新报送了数据包，替换前请核对变化：</source>
      <translation>These units resubmitted; check the changes before replacing:</translation>
    </message>
    <message>
      <source>已退回，请把退回文件发给该单位：</source>
      <translation>Returned. Send the return file to the unit:</translation>
    </message>
    <message>
      <source>退回（退回文件在 {dir}）</source>
      <translation>Return (return files in {dir})</translation>
    </message>
    <message>
      <source>{what}：成功 {ok} 个，未成功 {no} 个。</source>
      <translation>{what}: {ok} succeeded, {no} failed.</translation>
    </message>
    <message>
      <source>已汇总 {n} 所学校，报表已保存到：</source>
      <translation>Consolidated {n} schools; returns saved to:</translation>
    </message>
    <message>
      <source>已写出 {n} 份回执到 {dir}，请发给各单位导入（也可打印其中的 PDF）。</source>
      <translation>Wrote {n} receipts to {dir}; send them to the units to import (the PDFs can also be printed).</translation>
    </message>
    <message>
      <source>：数据包 {file}，教职工 {s} 人，培训记录 {t} 条，警告 {w} 条。回执编号 {no}。</source>
      <translation>: package {file}, {s} staff, {t} training records, {w} warnings. Receipt no. {no}.</translation>
    </message>
    <message>
      <source>应报 {n} 个，已接收 {r}，已审核 {a}，已退回 {b}，未报送 {m}，逾期 {l}。</source>
      <translation>Expected {n}, received {r}, approved {a}, returned {b}, missing {m}, late {l}.</translation>
    </message>
    <message>
      <source>全部</source>
      <translation>All </translation>
    </message>
    <message>
      <source>保存导入模板</source>
      <translation>Save import template</translation>
    </message>
    <message>
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>有未保存的内容</source>
      <translation>Unsaved input</translation>
    </message>
    <message>
      <source>保存后再查看其他记录，还是放弃刚才输入的内容？</source>
      <translation>Save before viewing another record, or discard what was just typed?</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>放弃输入的内容</source>
      <translation>Discard the input</translation>
    </message>
    <message>
      <source>继续编辑</source>
      <translation>Keep editing</translation>
    </message>
    <message>
      <source>{what}导入模板.xlsx</source>
      <translation>{what} import template.xlsx</translation>
    </message>
    <message>
      <source>新增的记录还没有保存。</source>
      <translation>The new record has not been saved yet.</translation>
    </message>
    <message>
      <source>对当前记录的修改还没有保存。</source>
      <translation>The changes to this record have not been saved yet.</translation>
    </message>
    <message>
      <source>导入完成：新增 {a} 条，更新 {u} 条。</source>
      <translation>Import finished: {a} added, {u} updated.</translation>
    </message>
    <message>
      <source>正在保存；保存后请再点一次要查看的记录。</source>
      <translation>Saving; click the record you want to see again once it is saved.</translation>
    </message>
    <message>
      <source>模板已保存到“{path}”。填写后点“导入…”即可导入。</source>
      <translation>Template saved to "{path}". Fill it in, then click Import….</translation>
    </message>
    <message>
      <source>新增培训记录</source>
      <translation>New training record</translation>
    </message>
    <message>
      <source>编辑培训记录：</source>
      <translation>Edit training record: </translation>
    </message>
    <message>
      <source>培训记录</source>
      <translation>Training</translation>
    </message>
    <message>
      <source>年份</source>
      <translation>years</translation>
    </message>
    <message>
      <source>全部年份</source>
      <translation>All years</translation>
    </message>
    <message>
      <source>修改培训记录</source>
      <translation>Edit training record</translation>
    </message>
    <message>
      <source>科目类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>形式</source>
      <translation>modes</translation>
    </message>
    <message>
      <source>层级</source>
      <translation>levels</translation>
    </message>
    <message>
      <source>共 {n} 条培训记录（按需分页读取）。双击单元格修改，Ctrl+N 新增。</source>
      <translation>{n} training records (read page by page). Double-click a cell to edit, Ctrl+N to add.</translation>
    </message>
    <message>
      <source>已添加培训记录：</source>
      <translation>Training record added: </translation>
    </message>
    <message>
      <source>切换用户…</source>
      <translation>Switch user…</translation>
    </message>
    <message>
      <source>退出登录</source>
      <translation>Log out</translation>
    </message>
    <message>
      <source>操作日志…</source>
      <translation>Audit log…</translation>
    </message>
    <message>
      <source>规则试算…</source>
      <translation>Rule trial…</translation>
    </message>
    <message>
      <source>发布新的校验规则前，先在本库各学年的数据上试算，看会标记哪些单位</source>
      <translation>Before publishing new check rules, try them on every school year in this database to see which units they flag</translation>
    </message>
    <message>
      <source>签名密钥…</source>
      <translation>Signing key…</translation>
    </message>
    <message>
      <source>本单位数据包签名密钥的指纹；服务器模式下在电脑之间转移密钥（管理员）</source>
      <translation>The fingerprint of this unit's package signing key; in server mode, move the key between PCs (administrator)</translation>
    </message>
    <message>
      <source>还没有用户。请管理员在“设置 → 用户与权限”中添加用户。</source>
      <translation>No users yet. An administrator adds users in Settings → Users and roles.</translation>
    </message>
    <message>
      <source>当前用户：{name}（{role}）</source>
      <translation>Current user: {name} ({role})</translation>
    </message>
    <message>
      <source>用户与权限</source>
      <translation>Users and roles</translation>
    </message>
    <message>
      <source>备份与恢复</source>
      <translation>Backup and restore</translation>
    </message>
    <message>
      <source>签名证书</source>
      <translation>Signing certificate</translation>
    </message>
    <message>
      <source>重新报送：与被退回的版本（{file}）相比的变化</source>
      <translation>Resubmission: changes from the returned version ({file})</translation>
    </message>
    <message>
      <source>重新报送：与上次接收的版本（{file}）相比的变化</source>
      <translation>Resubmission: changes from the version received last ({file})</translation>
    </message>
    <message>
      <source>签名密钥指纹：</source>
      <translation>Signing key fingerprint: </translation>
    </message>
    <message>
      <source>本机没有保存该单位的数据包文件，重新导入后可打开其报表。</source>
      <translation>The package file of this unit is not kept on this computer; import it again to open its returns.</translation>
    </message>
    <message>
      <source>与上次相比没有变化。</source>
      <translation>No changes since last time.</translation>
    </message>
    <message>
      <source>本局没有退回过这一版本（学校主动重新报送）。</source>
      <translation>This office did not return this version (the school resubmitted on its own).</translation>
    </message>
    <message>
      <source>尚未记录（收到第一个签名数据包时记录）</source>
      <translation>not recorded yet (recorded with the first signed package)</translation>
    </message>
    <message>
      <source>已打开 {n} 个 PDF 报表。</source>
      <translation>Opened {n} PDF returns.</translation>
    </message>
    <message>
      <source>{year}学年 还没有收到该单位的数据包。</source>
      <translation>No package received from this unit for school year {year} yet.</translation>
    </message>
    <message>
      <source>本局的退回意见：</source>
      <translation>This office's return comments:</translation>
    </message>
    <message>
      <source>{year}学年 已接收数据包 {file}：错误 {e} 个，警告 {w} 个。</source>
      <translation>School year {year}: received package {file}: {e} errors, {w} warnings.</translation>
    </message>
    <message>
      <source>重设密码…</source>
      <translation>Reset password…</translation>
    </message>
    <message>
      <source>停用 / 启用</source>
      <translation>Disable / enable</translation>
    </message>
    <message>
      <source>至少 8 个字符</source>
      <translation>At least 8 characters</translation>
    </message>
    <message>
      <source>添加用户</source>
      <translation>Add user</translation>
    </message>
    <message>
      <source>单用户学校可不登录（只有一个人使用本机时才勾选）</source>
      <translation>One-person school may run without login (tick only if one person uses this computer)</translation>
    </message>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>初始密码</source>
      <translation>Initial password</translation>
    </message>
    <message>
      <source>已启用“{0}”。</source>
      <translation>Enabled "{0}".</translation>
    </message>
    <message>
      <source>已停用“{0}”，他不能再登录；操作日志中的记录保留。</source>
      <translation>Disabled "{0}": they can no longer log in; their audit entries are kept.</translation>
    </message>
    <message>
      <source>已设置：启动时不要求登录（以管理员身份运行）。</source>
      <translation>Saved: no login at start (runs as the administrator).</translation>
    </message>
    <message>
      <source>已设置：每次启动都要登录。</source>
      <translation>Saved: login required at every start.</translation>
    </message>
    <message>
      <source>重设密码</source>
      <translation>Reset password</translation>
    </message>
    <message>
      <source>还没有用户，程序不要求登录。添加的第一个用户必须是管理员；之后每次启动都要登录，除非管理员勾选下面的“可不登录”。</source>
      <translation>No users yet, so no login is required. The first user must be an administrator; after that every start asks for a login unless the administrator ticks "without login" below.</translation>
    </message>
    <message>
      <source>请先在列表中选择一个用户。</source>
      <translation>Select a user in the list first.</translation>
    </message>
    <message>
      <source>角色：填报员录入和修改数据；审核人提交、审核、退回和解锁；管理员管理用户、设置和备份。</source>
      <translation>Roles: clerks enter and edit data; reviewers submit, approve, return and unlock; administrators manage users, settings and backups.</translation>
    </message>
    <message>
      <source>使用中</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>已停用</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>已添加用户“{0}”。</source>
      <translation>Added user "{0}".</translation>
    </message>
    <message>
      <source>已重设“{0}”的密码，请当面告诉本人并提醒他登录后修改。</source>
      <translation>Password of "{0}" reset. Tell them in person and ask them to change it after logging in.</translation>
    </message>
    <message>
      <source>“{0}”的新密码（至少 8 个字符）：</source>
      <translation>New password for "{0}" (at least 8 characters):</translation>
    </message>
    <message>
      <source>只有管理员可以管理用户。当前用户是{role}。</source>
      <translation>Only an administrator can manage users. The current user is {role}.</translation>
    </message>
    <message>
      <source>新建数据库文件</source>
      <translation>New database file</translation>
    </message>
    <message>
      <source>打开数据库文件</source>
      <translation>Open database file</translation>
    </message>
    <message>
      <source>完成</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>✓ 代码格式正确</source>
      <translation>✓ The code is well formed</translation>
    </message>
    <message>
      <source>请稍候……</source>
      <translation>Please wait…</translation>
    </message>
    <message>
      <source>请先改正单位代码。</source>
      <translation>Please correct the unit code first.</translation>
    </message>
    <message>
      <source>请填写单位名称。</source>
      <translation>Please enter the unit name.</translation>
    </message>
    <message>
      <source>正在生成示例数据，县级规模需要几十秒……</source>
      <translation>Building demo data; a county takes a minute or so…</translation>
    </message>
    <message>
      <source>已取消，没有留下文件。</source>
      <translation>Cancelled; no file was left behind.</translation>
    </message>
    <message>
      <source>未能完成，请查看提示。</source>
      <translation>Could not finish; see the message.</translation>
    </message>
    <message>
      <source>审核流程</source>
      <translation>Approval</translation>
    </message>
    <message>
      <source>退回意见（说明需要修改什么）：</source>
      <translation>Return comment (what needs to change):</translation>
    </message>
    <message>
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>解锁原因（将记入操作日志）：</source>
      <translation>Reason for unlocking (recorded in the audit log):</translation>
    </message>
    <message>
      <source>；退回意见：</source>
      <translation>; return comment: </translation>
    </message>
    <message>
      <source>（{who} 审核）</source>
      <translation> (approved by {who})</translation>
    </message>
    <message>
      <source>先行审核的原因</source>
      <translation>Reason for approving first</translation>
    </message>
    <message>
      <source>需要{roles}登录后操作。</source>
      <translation>Needs a {roles} to be logged in.</translation>
    </message>
    <message>
      <source>{unit} {period}：{state}</source>
      <translation>{unit} {period}: {state}</translation>
    </message>
    <message>
      <source>当前状态是“{state}”，不能进行这个操作。</source>
      <translation>The state is "{state}"; this action is not possible now.</translation>
    </message>
    <message>
      <source>“{names}”不可用：{why}</source>
      <translation>"{names}" is not available: {why}</translation>
    </message>
    <message>
      <source>程序出现意外</source>
      <translation>Unexpected problem</translation>
    </message>
    <message>
      <source>程序遇到了一个意外问题，刚才的操作没有完成。已经保存的数据没有丢失，您可以继续工作。</source>
      <translation>The program hit an unexpected problem and the last action did not finish. Nothing that was saved has been lost; you can keep working.</translation>
    </message>
    <message>
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <source>详细信息已记录在日志文件中，请把它发给技术支持：</source>
      <translation>Details were written to this log file; please send it to support:</translation>
    </message>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
    <message>
      <source>单位代码</source>
      <translation>Unit code</translation>
    </message>
    <message>
      <source>单位名称</source>
      <translation>Unit name</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>首次接收</source>
      <translation>First received</translation>
    </message>
    <message>
      <source>及时性</source>
      <translation>Timeliness</translation>
    </message>
    <message>
      <source>退回次数</source>
      <translation>Times returned</translation>
    </message>
    <message>
      <source>一次通过</source>
      <translation>First time</translation>
    </message>
    <message>
      <source>警告已说明</source>
      <translation>Warnings explained</translation>
    </message>
    <message>
      <source>警告未说明</source>
      <translation>Warnings unexplained</translation>
    </message>
    <message>
      <source>零上报</source>
      <translation>Nil return</translation>
    </message>
    <message>
      <source>未报原因</source>
      <translation>Reason not reported</translation>
    </message>
    <message>
      <source>资格种类</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>证书编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>下次注册</source>
      <translation>Next due</translation>
    </message>
    <message>
      <source>发证日期</source>
      <translation>Issued</translation>
    </message>
    <message>
      <source>最近注册</source>
      <translation>Last registered</translation>
    </message>
    <message>
      <source>任教学科</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>已注销</source>
      <translation>Revoked</translation>
    </message>
    <message>
      <source>注册已逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>半年内到期</source>
      <translation>Due within 6 months</translation>
    </message>
    <message>
      <source>正常</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>（空）</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>工作表</source>
      <translation>Sheet</translation>
    </message>
    <message>
      <source>行号</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>记录</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>错误原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>将修改（原值 → 新值）</source>
      <translation>Changes (old → new)</translation>
    </message>
    <message>
      <source>提示</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>第 {n} 行</source>
      <translation>Row {n}</translation>
    </message>
    <message>
      <source>超大班额</source>
      <translation>Oversized</translation>
    </message>
    <message>
      <source>大班额</source>
      <translation>Large</translation>
    </message>
    <message>
      <source>培训名称</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>End</translation>
    </message>
    <message>
      <source>培训形式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>培训层级</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>开始</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>结束</source>
      <translation>End</translation>
    </message>
    <message>
      <source>原单位</source>
      <translation>From</translation>
    </message>
    <message>
      <source>去向单位</source>
      <translation>To</translation>
    </message>
    <message>
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <source>班级名称</source>
      <translation>Class</translation>
    </message>
    <message>
      <source>寄宿生</source>
      <translation>Boarders</translation>
    </message>
    <message>
      <source>残疾学生</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>班额</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>核定学位</source>
      <translation>Approved seats</translation>
    </message>
    <message>
      <source>在校生</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <source>余缺</source>
      <translation>Free</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Gender</translation>
    </message>
    <message>
      <source>出生日期</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>证件号码</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>教职工类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>任教学段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>最高学历</source>
      <translation>Education</translation>
    </message>
    <message>
      <source>职称</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>岗位/职务</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>骨干级别</source>
      <translation>Key-teacher level</translation>
    </message>
    <message>
      <source>民族</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>政治面貌</source>
      <translation>Political status</translation>
    </message>
    <message>
      <source>进本校日期</source>
      <translation>Joined</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>接收时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>逾期</source>
      <translation>Late</translation>
    </message>
    <message>
      <source>签名密钥指纹</source>
      <translation>Key fingerprint</translation>
    </message>
    <message>
      <source>退回意见</source>
      <translation>Return comments</translation>
    </message>
    <message>
      <source>本局代报</source>
      <translation>Proxy entry by office</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>专题</source>
      <translation>Topics</translation>
    </message>
    <message>
      <source>主办单位</source>
      <translation>Organiser</translation>
    </message>
    <message>
      <source>概览</source>
      <translation>Overview</translation>
    </message>
    <message>
      <source>报表</source>
      <translation>Returns</translation>
    </message>
    <message>
      <source>人员核查</source>
      <translation>Staff verification</translation>
    </message>
    <message>
      <source>国家统计</source>
      <translation>National statistics</translation>
    </message>
    <message>
      <source>上报</source>
      <translation>Submit</translation>
    </message>
    <message>
      <source>数据库已经打开</source>
      <translation>Database already open</translation>
    </message>
    <message>
      <source>“{name}”已经在另一个窗口中打开，已把那个窗口切换到前面。
同一个数据库文件只能在一个窗口中打开，以免两边的修改互相覆盖。</source>
      <translation>"{name}" is already open in another window; that window has been brought to the front.
A database file opens in one window only, so that the two cannot overwrite each other's changes.</translation>
    </message>
    <message>
      <source>输入姓名、拼音首字母或证件号后四位，再从列表中选择</source>
      <translation>Type a name, pinyin initials or the last four ID digits, then pick from the list</translation>
    </message>
    <message>
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <source>17 位证书编号</source>
      <translation>17-digit certificate number</translation>
    </message>
    <message>
      <source>发证机关</source>
      <translation>Issuer</translation>
    </message>
    <message>
      <source>注册日期</source>
      <translation>Registered on</translation>
    </message>
    <message>
      <source>注册结论</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>办理离开</source>
      <translation>End employment</translation>
    </message>
    <message>
      <source>如：调往某某学校</source>
      <translation>e.g. moved to another school</translation>
    </message>
    <message>
      <source>离开日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>离开原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>教职工记录不会删除：{name} 的记录会保留在历史和报表中，只是不再显示为在职。</source>
      <translation>Staff records are never deleted: {name} stays in the history and the returns, no longer shown as active.</translation>
    </message>
    <message>
      <source>选择文件</source>
      <translation>Choose file</translation>
    </message>
    <message>
      <source>尚未选择文件</source>
      <translation>No file chosen</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>选择工作表</source>
      <translation>Choose sheet</translation>
    </message>
    <message>
      <source>选择数据所在的工作表。隐藏的工作表已标出。</source>
      <translation>Choose the sheet that holds the data. Hidden sheets are marked.</translation>
    </message>
    <message>
      <source>核对列对应</source>
      <translation>Check column mapping</translation>
    </message>
    <message>
      <source>每一列已按列名自动对应到字段；如有不对，请在“导入为”中改正。改正会被记住，下次导入同样格式的文件时自动使用。</source>
      <translation>Each column was mapped to a field by its header; correct any mistake under "Import as". Corrections are remembered for files of the same layout.</translation>
    </message>
    <message>
      <source>预览</source>
      <translation>Preview</translation>
    </message>
    <message>
      <source>核对将要导入的内容。取消勾选的行不会导入；有错误的行不会导入，可保存为错误清单，在 Excel 中改正后重新导入。</source>
      <translation>Check what will be imported. Unticked rows and rows with errors are not imported; save the errors as a list, correct them in Excel and import again.</translation>
    </message>
    <message>
      <source>全选</source>
      <translation>Tick all</translation>
    </message>
    <message>
      <source>全不选</source>
      <translation>Untick all</translation>
    </message>
    <message>
      <source>保存错误清单…</source>
      <translation>Save error list…</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>表头</source>
      <translation>Header</translation>
    </message>
    <message>
      <source>第一行数据</source>
      <translation>First data row</translation>
    </message>
    <message>
      <source>导入为</source>
      <translation>Import as</translation>
    </message>
    <message>
      <source>选择要导入的{what}文件：Excel 工作簿（.xlsx、.xls）或 CSV 文件。文件只会被读取，确认之前不会写入任何数据。</source>
      <translation>Choose the {what} file to import: an Excel workbook (.xlsx, .xls) or a CSV file. The file is only read; nothing is written until you confirm.</translation>
    </message>
    <message>
      <source>登录 — EduReturns（教育数据填报）</source>
      <translation>Log in — EduReturns</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>忘记密码请联系本单位管理员重设。</source>
      <translation>Forgot the password? Ask your unit's administrator to reset it.</translation>
    </message>
    <message>
      <source>登录</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>退出程序</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>国家教育统计基层报表（教基表）</source>
      <translation>National education statistics base tables</translation>
    </message>
    <message>
      <source>导出 Excel 和 PDF…</source>
      <translation>Export Excel and PDF…</translation>
    </message>
    <message>
      <source>核对已上报的报表…</source>
      <translation>Check submitted tables…</translation>
    </message>
    <message>
      <source>点击一个格子，查看计入该格的人员或班级；双击人员打开其记录。</source>
      <translation>Click a cell to see the people or classes counted in it; double-click a person to open the record.</translation>
    </message>
    <message>
      <source>逻辑校验</source>
      <translation>Logic checks</translation>
    </message>
    <message>
      <source>表：</source>
      <translation>Table:</translation>
    </message>
    <message>
      <source>统计数字</source>
      <translation>Counts</translation>
    </message>
    <message>
      <source>适合宽度</source>
      <translation>Fit width</translation>
    </message>
    <message>
      <source>第 </source>
      <translation>Page </translation>
    </message>
    <message>
      <source>上一页</source>
      <translation>Previous</translation>
    </message>
    <message>
      <source>下一页</source>
      <translation>Next</translation>
    </message>
    <message>
      <source>还没有预览。选择报表后点“预览 PDF”。</source>
      <translation>No preview yet. Choose the returns, then click "Preview PDF".</translation>
    </message>
    <message>
      <source> 页</source>
      <translation> </translation>
    </message>
    <message>
      <source>（其余页面正在生成）</source>
      <translation>(other pages are being built)</translation>
    </message>
    <message>
      <source>缩放</source>
      <translation>Zoom</translation>
    </message>
    <message>
      <source>共 {n} 页</source>
      <translation>of {n}</translation>
    </message>
    <message>
      <source>打印校长核查单（PDF）…</source>
      <translation>Print principal's verification sheet (PDF)…</translation>
    </message>
    <message>
      <source>每名教职工一行，附填写说明、数据指纹和二维码，由校长逐行核对后签字</source>
      <translation>One line per staff member, with explanations, a data fingerprint and a QR code, for the principal to check line by line and sign</translation>
    </message>
    <message>
      <source> 个月内到期</source>
      <translation> months ahead</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>定期注册预判</source>
      <translation>Periodic registration readiness</translation>
    </message>
    <message>
      <source>导入调动文件…</source>
      <translation>Import transfer file…</translation>
    </message>
    <message>
      <source>确认调入所选人员</source>
      <translation>Confirm the selected people as transferred in</translation>
    </message>
    <message>
      <source>不予确认…</source>
      <translation>Refuse…</translation>
    </message>
    <message>
      <source>此人不调入本校（如调出学校已撤销调出）：填写原因后从待确认列表中退回</source>
      <translation>The person does not move to this school (e.g. the sending school withdrew the transfer-out): give a reason and the transfer leaves the pending list</translation>
    </message>
    <message>
      <source>办理调出（本校人员调往其他学校）</source>
      <translation>Transfer out (a staff member moves to another school)</translation>
    </message>
    <message>
      <source>调入学校标识码（10 位）</source>
      <translation>Receiving school ID code (10 digits)</translation>
    </message>
    <message>
      <source>调入学校名称</source>
      <translation>Receiving school name</translation>
    </message>
    <message>
      <source>调出并导出调动文件…</source>
      <translation>Transfer out and export the transfer file…</translation>
    </message>
    <message>
      <source>撤销所选调出…</source>
      <translation>Withdraw selected transfer-out…</translation>
    </message>
    <message>
      <source>此人的记录恢复为在职，调出时添加的调动经历一并删除</source>
      <translation>The person's record becomes active again; the move added by the transfer-out is deleted</translation>
    </message>
    <message>
      <source>调动</source>
      <translation>Transfers</translation>
    </message>
    <message>
      <source>年度考核</source>
      <translation>Annual appraisal</translation>
    </message>
    <message>
      <source>保存考核结果</source>
      <translation>Save appraisal result</translation>
    </message>
    <message>
      <source>考核年度</source>
      <translation>Appraisal year</translation>
    </message>
    <message>
      <source>考核结果</source>
      <translation>Appraisal result</translation>
    </message>
    <message>
      <source>师德记录</source>
      <translation>Ethics records</translation>
    </message>
    <message>
      <source>事由，例如：获评县级师德标兵</source>
      <translation>Matter, e.g. named a county-level model of teacher ethics</translation>
    </message>
    <message>
      <source>保存师德记录</source>
      <translation>Save ethics record</translation>
    </message>
    <message>
      <source>事由</source>
      <translation>Matter</translation>
    </message>
    <message>
      <source>从表格导入年度考核…</source>
      <translation>Import annual appraisals from a spreadsheet…</translation>
    </message>
    <message>
      <source>从表格导入师德记录…</source>
      <translation>Import ethics records from a spreadsheet…</translation>
    </message>
    <message>
      <source>调入日期</source>
      <translation>Transfer-in date</translation>
    </message>
    <message>
      <source>本校已办理的调出（办理有误时，选中后可撤销）</source>
      <translation>Transfers out recorded by this school (select one to withdraw it if it was a mistake)</translation>
    </message>
    <message>
      <source>← 返回教职工列表</source>
      <translation>← Back to staff</translation>
    </message>
    <message>
      <source>本周期培训学时</source>
      <translation>Training hours this cycle</translation>
    </message>
    <message>
      <source>资格证书与定期注册</source>
      <translation>Certificates and registration</translation>
    </message>
    <message>
      <source>任职经历</source>
      <translation>Employment history</translation>
    </message>
    <message>
      <source>截止日期与提醒</source>
      <translation>Deadlines and reminders</translation>
    </message>
    <message>
      <source>双击一条提醒，打开它所指的教职工、证书或班级。</source>
      <translation>Double-click a reminder to open the person, certificate or class it is about.</translation>
    </message>
    <message>
      <source>Excel（xlsx）</source>
      <translation>Excel (xlsx)</translation>
    </message>
    <message>
      <source>PDF</source>
      <translation>PDF</translation>
    </message>
    <message>
      <source>重新检查</source>
      <translation>Check again</translation>
    </message>
    <message>
      <source>标记为可上报</source>
      <translation>Mark ready to submit</translation>
    </message>
    <message>
      <source>预览 PDF</source>
      <translation>Preview PDF</translation>
    </message>
    <message>
      <source>导出到文件夹…</source>
      <translation>Export to folder…</translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>签名…</source>
      <translation>Sign…</translation>
    </message>
    <message>
      <source>统计期</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>指标方案</source>
      <translation>Target set</translation>
    </message>
    <message>
      <source>打开所在文件夹</source>
      <translation>Open folder</translation>
    </message>
    <message>
      <source>选中一条或多条警告（按住 Ctrl 或 Shift 多选），在这里写明原因和处理计划（最多 500 字），会打印在报表上。</source>
      <translation>Select one or more warnings (Ctrl or Shift for several) and write the reason and the plan here (at most 500 characters); it prints on the returns.</translation>
    </message>
    <message>
      <source>打开记录</source>
      <translation>Open record</translation>
    </message>
    <message>
      <source>选中同类警告</source>
      <translation>Select warnings of this kind</translation>
    </message>
    <message>
      <source>选中与当前警告同一检查项的全部警告，一次填写同一条说明</source>
      <translation>Select every warning of the same check as this one, to write one explanation for all</translation>
    </message>
    <message>
      <source>草稿依据的记录（双击打开）：</source>
      <translation>Records the draft is based on (double-click to open):</translation>
    </message>
    <message>
      <source>选中一个未达标的指标，这里列出未达标的人员、班级或学校；双击打开。</source>
      <translation>Select an indicator that is not met to list the people, classes or schools behind it; double-click to open.</translation>
    </message>
    <message>
      <source>数据检查</source>
      <translation>Checks</translation>
    </message>
    <message>
      <source>指标达成</source>
      <translation>Indicators</translation>
    </message>
    <message>
      <source>PDF 预览</source>
      <translation>PDF preview</translation>
    </message>
    <message>
      <source>要生成的报表</source>
      <translation>Returns to produce</translation>
    </message>
    <message>
      <source>导出格式</source>
      <translation>Export formats</translation>
    </message>
    <message>
      <source>级别</source>
      <translation>Severity</translation>
    </message>
    <message>
      <source>检查项</source>
      <translation>Check</translation>
    </message>
    <message>
      <source>问题</source>
      <translation>Problem</translation>
    </message>
    <message>
      <source>填写说明</source>
      <translation>Explanation</translation>
    </message>
    <message>
      <source>指标</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <source>数值</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>目标</source>
      <translation>Target</translation>
    </message>
    <message>
      <source>差距</source>
      <translation>Gap</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>开始新学年</source>
      <translation>Start a new school year</translation>
    </message>
    <message>
      <source>将根据上一学年的数据建立新学年：班级升一个年级，最高年级毕业，起始年级新建空白班级；学位数据复制后可修改；指标方案沿用；填报状态从草稿开始。上一学年的数据不会改动。</source>
      <translation>The new school year is built from the last one: classes move up a grade, the top grade graduates, empty classes are made for the first grade; seats are copied for editing; the target set carries over; the return starts as a draft. The last year is not changed.</translation>
    </message>
    <message>
      <source>正在计算预览…</source>
      <translation>Computing the preview…</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>多台电脑共用一个 PostgreSQL 服务器数据库（教育局）。服务器地址、数据库名和用户名请问管理员。</source>
      <translation>Several PCs share one PostgreSQL server database (education offices). Ask your administrator for the server address, database name and user name.</translation>
    </message>
    <message>
      <source>如 192.168.1.10</source>
      <translation>e.g. 192.168.1.10</translation>
    </message>
    <message>
      <source>管理员为您建立的登录名</source>
      <translation>the login your administrator created for you</translation>
    </message>
    <message>
      <source>在本机系统密钥库中保存密码（不写进设置文件）</source>
      <translation>Save the password in the system key store (never in the settings file)</translation>
    </message>
    <message>
      <source>测试连接</source>
      <translation>Test connection</translation>
    </message>
    <message>
      <source>服务器地址</source>
      <translation>Server address</translation>
    </message>
    <message>
      <source>端口</source>
      <translation>Port</translation>
    </message>
    <message>
      <source>数据库名</source>
      <translation>Database name</translation>
    </message>
    <message>
      <source>本学年不授课</source>
      <translation>Not teaching this school year</translation>
    </message>
    <message>
      <source>校外教师（人事关系在外单位）</source>
      <translation>External teacher (employed by another unit)</translation>
    </message>
    <message>
      <source>外籍</source>
      <translation>Foreign national</translation>
    </message>
    <message>
      <source>身份证号</source>
      <translation>Resident ID</translation>
    </message>
    <message>
      <source>授课</source>
      <translation>Teaching</translation>
    </message>
    <message>
      <source>校外教师</source>
      <translation>External teacher</translation>
    </message>
    <message>
      <source>国籍</source>
      <translation>Nationality</translation>
    </message>
    <message>
      <source>港澳台侨</source>
      <translation>Hong Kong, Macao, Taiwan or overseas Chinese</translation>
    </message>
    <message>
      <source>任教课程</source>
      <translation>Courses taught</translation>
    </message>
    <message>
      <source>导出上报数据包…</source>
      <translation>Export package…</translation>
    </message>
    <message>
      <source>导入退回意见…</source>
      <translation>Import return comments…</translation>
    </message>
    <message>
      <source>导入回执…</source>
      <translation>Import receipt…</translation>
    </message>
    <message>
      <source>查看回执</source>
      <translation>View receipt</translation>
    </message>
    <message>
      <source>导入数据包…</source>
      <translation>Import packages…</translation>
    </message>
    <message>
      <source>导入文件夹…</source>
      <translation>Import folder…</translation>
    </message>
    <message>
      <source>退回…</source>
      <translation>Return…</translation>
    </message>
    <message>
      <source>汇总…</source>
      <translation>Consolidate…</translation>
    </message>
    <message>
      <source>查看单位详情…</source>
      <translation>Unit details…</translation>
    </message>
    <message>
      <source>导出回执…</source>
      <translation>Export receipts…</translation>
    </message>
    <message>
      <source>把所选单位（未选则全部）已接收数据包的签名回执写到文件夹，发给学校导入或打印。</source>
      <translation>Write the signed receipts of the received packages of the selected units (all if none selected) to a folder, for the schools to import or print.</translation>
    </message>
    <message>
      <source>用新数据包替换</source>
      <translation>Replace with the new package</translation>
    </message>
    <message>
      <source>保留原数据，不替换</source>
      <translation>Keep the earlier data, do not replace</translation>
    </message>
    <message>
      <source>也可以把数据包文件（.erp）或文件夹直接拖到这里导入。</source>
      <translation>You can also drop package files (.erp) or folders here to import them.</translation>
    </message>
    <message>
      <source>也可以把教育局的退回意见或回执文件（.erp）直接拖到这里导入。</source>
      <translation>You can also drop the education office's return comments or receipt file (.erp) here to import it.</translation>
    </message>
    <message>
      <source>下级单位上报情况</source>
      <translation>Submissions from units below</translation>
    </message>
    <message>
      <source>上报情况</source>
      <translation>Reporting status</translation>
    </message>
    <message>
      <source>搜索姓名 / 拼音首字母 zs / 全拼 / 证件后四位</source>
      <translation>Search name / pinyin initials / pinyin / last 4 of ID</translation>
    </message>
    <message>
      <source>显示已离开人员</source>
      <translation>Show people who left</translation>
    </message>
    <message>
      <source>显示列</source>
      <translation>Columns</translation>
    </message>
    <message>
      <source>导入…</source>
      <translation>Import…</translation>
    </message>
    <message>
      <source>从 Excel 或 CSV 文件导入，先预览再确认</source>
      <translation>Import from an Excel or CSV file, with a preview before anything is written</translation>
    </message>
    <message>
      <source>下载模板</source>
      <translation>Download template</translation>
    </message>
    <message>
      <source>保存一份带下拉选项和填写说明的 Excel 导入模板</source>
      <translation>Save an Excel import template with drop-down lists and instructions</translation>
    </message>
    <message>
      <source>新增 (Ctrl+N)</source>
      <translation>New (Ctrl+N)</translation>
    </message>
    <message>
      <source>显示全部</source>
      <translation>Show all</translation>
    </message>
    <message>
      <source>如：2025年县级班主任能力提升培训</source>
      <translation>e.g. 2025 county head-teacher training</translation>
    </message>
    <message>
      <source>单位详情</source>
      <translation>Unit details</translation>
    </message>
    <message>
      <source>打开 PDF 报表</source>
      <translation>Open PDF returns</translation>
    </message>
    <message>
      <source>数据指纹</source>
      <translation>Data fingerprint</translation>
    </message>
    <message>
      <source>项目</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>原值</source>
      <translation>Old value</translation>
    </message>
    <message>
      <source>新值</source>
      <translation>New value</translation>
    </message>
    <message>
      <source>检查结果与填写说明</source>
      <translation>Findings and explanations</translation>
    </message>
    <message>
      <source>报表数据指纹</source>
      <translation>Return data fingerprints</translation>
    </message>
    <message>
      <source>开始使用 EduReturns（教育数据填报）</source>
      <translation>Getting started with EduReturns</translation>
    </message>
    <message>
      <source>欢迎使用教育数据填报</source>
      <translation>Welcome to EduReturns</translation>
    </message>
    <message>
      <source>数据保存在本机的一个数据库文件中，不需要联网；教育局多台电脑共用数据时，可连接服务器数据库。请选择：</source>
      <translation>Your data is kept in a database file on this PC, no network needed; when several office PCs share the data, connect to a server database. Choose:</translation>
    </message>
    <message>
      <source>新建数据库（第一次使用）</source>
      <translation>Create a new database (first use)</translation>
    </message>
    <message>
      <source>打开已有数据库文件</source>
      <translation>Open an existing database file</translation>
    </message>
    <message>
      <source>打开示例数据：一所学校（先看看怎么用）</source>
      <translation>Open demo data: one school (to look around)</translation>
    </message>
    <message>
      <source>打开示例数据：一个县教育局（300 所学校，数据量大）</source>
      <translation>Open demo data: a county office (300 schools, large)</translation>
    </message>
    <message>
      <source>连接服务器数据库（多台电脑共用一个数据库，教育局）</source>
      <translation>Connect to a server database (several PCs share one database; education offices)</translation>
    </message>
    <message>
      <source>选择位置…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>学校填 10 位学校标识码；教育局填 6 位行政区划代码</source>
      <translation>Schools: 10-digit school code; offices: 6-digit region code</translation>
    </message>
    <message>
      <source>如：龙川县第一小学</source>
      <translation>e.g. Longchuan No. 1 Primary School</translation>
    </message>
    <message>
      <source>上级县区教育局的 6 位行政区划代码，如 441622</source>
      <translation>6-digit region code of the county office above, e.g. 441622</translation>
    </message>
    <message>
      <source> 学年</source>
      <translation> school year</translation>
    </message>
    <message>
      <source>数据库文件</source>
      <translation>Database file</translation>
    </message>
    <message>
      <source>单位类型</source>
      <translation>Unit kind</translation>
    </message>
    <message>
      <source>学校类别</source>
      <translation>School type</translation>
    </message>
    <message>
      <source>办学性质</source>
      <translation>Ownership</translation>
    </message>
    <message>
      <source>城乡分类</source>
      <translation>Urban/rural</translation>
    </message>
    <message>
      <source>上级单位代码</source>
      <translation>Parent code</translation>
    </message>
    <message>
      <source>浏览…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <source>数据文件夹无法写入</source>
      <translation>The data folder cannot be written</translation>
    </message>
    <message>
      <source>在职教职工</source>
      <translation>Active staff</translation>
    </message>
    <message>
      <source>专任教师（按学段）</source>
      <translation>Teachers (by stage)</translation>
    </message>
    <message>
      <source>教师资格证定期注册已逾期</source>
      <translation>Teacher certificates overdue for registration</translation>
    </message>
    <message>
      <source>半年内需定期注册</source>
      <translation>Registration due within 6 months</translation>
    </message>
    <message>
      <source>培训学时进度落后的教师</source>
      <translation>Teachers behind on training hours</translation>
    </message>
    <message>
      <source>大班额（56–65 人）</source>
      <translation>Large classes (56–65)</translation>
    </message>
    <message>
      <source>超大班额（66 人及以上）</source>
      <translation>Oversized classes (66+)</translation>
    </message>
    <message>
      <source>学位余缺（核定 − 在校）</source>
      <translation>Free seats (approved − enrolled)</translation>
    </message>
    <message>
      <source>导出上报数据包的条件：数据检查没有错误，且每条警告都已填写说明（即可以标记为“可上报”）。导出后本期即为“已提交”。</source>
      <translation>To export the package: the checks show no error and every warning has an explanation (the period can be marked ready). Exporting marks the period submitted.</translation>
    </message>
  </context>
</TS>
