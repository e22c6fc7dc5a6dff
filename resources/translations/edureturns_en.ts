<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>EduReturns</name>
    <message>
      <source>搜索班级名称或学校</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部班额</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>仅大班额及以上</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>班级名称，如 三年级(2)班</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>添加班级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>班级与学位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>年级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学生数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学位（按学段）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已保存。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>修改班级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示 {n} 个班；大班额 {l} 个，超大班额 {h} 个。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>资格证书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新证书请在人员的个人页添加</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证书类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>注册状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示 {n} 本证书。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>修改证书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开或新建数据库…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>退出</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>撤销</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重做</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>转到(&amp;G)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>关于</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>EduReturns（教育数据填报）：学校和教育局离线填报教师资格、培训学时和学位数据。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>专任教师本周期培训学时分布（人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学时</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>专任教师学历结构（按学段）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>仅显示：培训学时进度落后的专任教师</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>按进度此时应有 {h:g} 学时</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>仅显示：大班额班级（56–65 人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>仅显示：超大班额班级（66 人及以上）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未填学段</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{unit} · {period} · 截至 {day}。点击任一数字查看名单。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已达到本周期要求。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>进度正常</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>进度落后</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>按科目类别：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下次定期注册：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>出生</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在职</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无注册记录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>添加培训记录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已离开</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>近三年信息技术应用能力：{h:g} 学时（要求 {r:g}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>面授 {f:g} 学时，网络研修 {o:g} 学时</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>进本校</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>培训周期 {a} 至 {b}，按 {req:g} 学时计</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>距周期要求还差 {m:g} 学时；按时间进度现在应有 {d:g} 学时（{s}）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>设置</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开或新建其他数据库…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当前数据库</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>所属单位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据文件夹</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>错误日志</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已保存，重新启动程序后生效。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新增教职工</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>输入 18 位身份证号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>编辑：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（留空则不修改）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未保存，请按红字提示修改后再保存。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>教职工</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>用人形式</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学段</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学科</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已保存：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name} 已办理离开，记录已保留（勾选“显示已离开人员”可查看）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办理离开 </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>修改 </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name} 已经不在职。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示 {shown} 人（在职共 {total} 人）。双击单元格修改，Delete 办理离开，Ctrl+Enter 打开个人页。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请从列表中选择一位教职工（可输入姓名或拼音首字母查找）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>培训记录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>年份</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部年份</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>科目类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>形式</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>层级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共 {n} 条培训记录（按需分页读取）。双击单元格修改，Ctrl+N 新增。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已添加培训记录：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>修改培训记录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新建数据库文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开数据库文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下一步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>完成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>✓ 代码格式正确</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请稍候……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先改正单位代码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写单位名称。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在生成示例数据，县级规模需要几十秒……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未能完成，请查看提示。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>程序出现意外</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>程序遇到了一个意外问题，刚才的操作没有完成。已经保存的数据没有丢失，您可以继续工作。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未保存</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>详细信息已记录在日志文件中，请把它发给技术支持：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正常</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>注册已逾期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>半年内到期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已注销</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>姓名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>资格种类</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>任教学科</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证书编号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>发证日期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最近注册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下次注册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>超大班额</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>大班额</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>培训名称</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>结束日期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>培训形式</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>培训层级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>开始</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>结束</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原单位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>去向单位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学校</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>班级名称</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>寄宿生</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>残疾学生</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>班额</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核定学位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在校生</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>余缺</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>性别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>出生日期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>教职工类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>任教学段</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最高学历</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>职称</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>进本校日期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>联系电话</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>单位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>开始日期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>专题</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主办单位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>概览</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>报表</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上报</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>这里将生成各张统计报表（学校概况与学位、教职工名册、学历职称结构、资格证书与定期注册、培训学时、指标达成情况），每张表可导出 Excel 和 PDF，PDF 带签字盖章栏和数据指纹。该功能将在后续版本中提供。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>这里将导出本单位本统计期的上报数据包（含报表和明细），县、市教育局可在此导入下级的数据包、查看谁已上报、退回并填写意见、汇总后继续上报。该功能将在后续版本中提供。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请稍候</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>取消</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办理离开</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>如：调往某某学校</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>离开日期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>离开原因</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>说明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确定</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>教职工记录不会删除：{name} 的记录会保留在历史和报表中，只是不再显示为在职。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>← 返回教职工列表</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本周期培训学时</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>资格证书与定期注册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>任职经历</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份证号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>保存 (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>搜索姓名 / 拼音首字母 zs / 全拼 / 证件后四位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示已离开人员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示列</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新增 (Ctrl+N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示全部</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新增培训记录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>如：2025年县级班主任能力提升培训</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>添加 (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>开始使用 EduReturns（教育数据填报）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>欢迎使用教育数据填报</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据保存在本机的一个数据库文件中，不需要联网。请选择：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新建数据库（第一次使用）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开已有数据库文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开示例数据：一所学校（先看看怎么用）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开示例数据：一个县教育局（300 所学校，数据量大）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>选择位置…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学校填 10 位学校标识码；教育局填 6 位行政区划代码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>如：龙川县第一小学</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上级县区教育局的 6 位行政区划代码，如 441622</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> 学年</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>单位类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学校类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办学性质</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>城乡分类</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>单位代码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>单位名称</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上级单位代码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>统计期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>浏览…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上一步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在职教职工</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>专任教师（按学段）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>教师资格证定期注册已逾期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>半年内需定期注册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>培训学时进度落后的教师</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>大班额（56–65 人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>超大班额（66 人及以上）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>学位余缺（核定 − 在校）</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
