// Chinese names for the API's enum values and field names.

export const noticeCategories = [
  ['employment', '就业'],
  ['social-insurance', '社会保险'],
  ['social-assistance', '社会救助'],
  ['family-planning', '计划生育'],
  ['farmland-approval', '农村宅基地和耕地审批'],
  ['social-welfare', '社会福利'],
  ['agricultural-subsidies', '农业补贴'],
  ['household-registration', '户籍管理'],
  ['other', '其他'],
];

export const materialForms = [
  ['original', '原件'],
  ['copy', '复印件'],
  ['original-and-copy', '原件及复印件'],
  ['electronic', '电子件'],
];

export const windowStatuses = [
  ['serving', '在岗服务'],
  ['paused', '暂停服务'],
  ['away', '外出'],
];

export const roles = [
  ['admin', '管理员'],
  ['editor', '编辑'],
  ['window', '窗口人员'],
];

export const colors = [
  ['mono', '单色'],
  ['red-green', '红绿双色'],
  ['rgb', '全彩'],
];

export const fontProfiles = [
  ['led12', 'led12（12点阵）'],
  ['led16', 'led16（16点阵）'],
  ['led24', 'led24（24点阵）'],
  ['led32', 'led32（32点阵）'],
  ['auto', '自动选择'],
];

export const records = {
  matter: '事项', notice: '公告', window: '窗口', staff: '工作人员', screen: '显示屏',
  program: '节目', centre: '服务中心', user: '用户', approval: '审批',
};

// Record kind -> its route in the admin page.
export const routes = {
  matter: 'matters', notice: 'notices', window: 'windows', staff: 'staff', screen: 'screens',
  program: 'programs', centre: 'centres',
};

export const actions = {
  create: '新建', update: '修改', delete: '删除', restore: '恢复', status: '状态变更',
  photo: '更换照片', approve: '批准发布', login: '登录', 'user-add': '添加用户', 'user-remove': '删除用户',
  password: '修改密码',
};

export const severities = { error: '错误', warning: '提醒' };

export const checkKinds = {
  'matter-no-materials': '未列申请材料',
  'matter-no-time-limit': '未写办结时限',
  'matter-no-promised-limit': '缺承诺时限',
  'matter-no-statutory-limit': '缺法定时限',
  'matter-promise-exceeds-statute': '承诺时限超过法定时限',
  'matter-fee-unstated': '未写收费标准',
  'matter-fee-no-basis': '收费无依据',
  'notice-expired-shown': '过期公告仍在显示',
  'notice-published-late': '公开超过20个工作日',
  'centre-name-nonstandard': '中心名称不规范',
  'centre-place-name': '地名不完整',
  'centre-hall-area-small': '大厅面积不足',
  'centre-hall-area-unknown': '大厅面积未填',
  'screen-missing-glyphs': '显示屏缺字',
  'screen-font-unknown': '字体未知',
  'text-invalid-utf8': '文字编码错误',
  'area-text-overflow': '内容超出一屏',
};

export const label = (pairs, value) => (pairs.find(([v]) => v === value) || [value, value ?? ''])[1];

// Field names in the audit diff, part by part ("materials[0].name" -> "申请材料[0].名称").
export const fieldNames = {
  title: '标题', body: '正文', category: '类别', publish_from: '公示开始', publish_until: '公示结束', urgent: '紧急',
  name: '名称', code: '编码', department: '部门', legal_basis: '设定依据', materials: '申请材料', form: '形式',
  copies: '份数', required: '必需', notes: '备注', statutory_days: '法定时限', promised_days: '承诺时限',
  fee: '收费', fees: '收费项目', amount: '金额', unit: '单位', fee_basis: '收费依据', windows: '窗口', phone: '电话',
  group: '一件事', number: '窗口号', business: '业务', post_a: 'A岗', post_b: 'B岗', status: '状态', away: '外出',
  where: '去向', why: '事由', back_at: '预计返回', position: '职务', photo: '照片', party_member: '党员',
  location: '位置', width: '宽', height: '高', color: '色彩', font_profile: '字体', protocol: '协议', address: '地址',
  options: '选项', areas: '区域', items: '内容', schedule: '播放时间', username: '用户名', role: '角色', window_id: '窗口',
  centre_id: '中心', screen_id: '显示屏',
};

export const fieldLabel = (path) => path.replace(/[a-z_]+/g, (k) => fieldNames[k] || k);
