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
  program: '节目', centre: '服务中心', user: '用户', approval: '审批', calendar: '节假日',
  picture: '图片', token: '叫号令牌',
};

// Record kind -> its route in the admin page.
export const routes = {
  matter: 'matters', notice: 'notices', window: 'windows', staff: 'staff', screen: 'screens',
  program: 'programs', centre: 'centres',
};

export const actions = {
  create: '新建', update: '修改', delete: '删除', restore: '恢复', status: '状态变更',
  photo: '更换照片', approve: '批准发布', login: '登录', 'user-add': '添加用户', 'user-remove': '删除用户',
  password: '修改密码', calendar: '修改节假日', 'calendar-import': '导入节假日', reject: '退回修改', 'approval-setting': '审批设置',
  'picture-upload': '上传图片', 'picture-delete': '删除图片', 'token-add': '新建叫号令牌', 'token-remove': '删除叫号令牌',
};

export const severities = { error: '错误', warning: '提醒', info: '说明' };

export const checkKinds = {
  'matter-no-materials': '未列申请材料',
  'matter-no-time-limit': '未写办结时限',
  'matter-no-promised-limit': '缺承诺时限',
  'matter-no-statutory-limit': '缺法定时限',
  'matter-promise-exceeds-statute': '承诺时限超过法定时限',
  'matter-fee-unstated': '未写收费标准',
  'matter-fee-no-basis': '收费无依据',
  'program-notice-expired': '节目中的公告已过期',
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

// A user's fields (users are no record type of the server's descriptions).
export const userFields = { username: '用户名', role: '角色', window_id: '窗口' };

// "materials[0].copies" -> "申请材料[0].份数", by key path in `fields` (a record type's labels from
// GET /api/fields, or userFields).
export const fieldLabel = (fields, path) => {
  let at = '';
  return path.replace(/[a-z_]+/g, (k) => {
    at = at ? `${at}.${k}` : k;
    return fields[at] || k;
  });
};
