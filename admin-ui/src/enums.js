// The API's enums (docs/spec/API.md) and their labels in both languages.
import { addMessages } from './i18n.js';

export const ENUMS = {
  segment: ['FARMER', 'AGRI_ENTITY', 'MERCHANT', 'SMALL_ENTERPRISE', 'SALARIED_PUBLIC', 'SALARIED_SOE',
    'RESIDENT', 'MIGRANT_WORKER', 'NEW_CITIZEN'],
  adminRank: ['NONE', 'STAFF', 'DEPUTY_SECTION', 'SECTION', 'DEPUTY_DIVISION', 'DIVISION_OR_ABOVE'],
  committeeRating: ['NONE', 'POOR', 'AVERAGE', 'GOOD'],
  purpose: ['PRODUCTION', 'BUSINESS', 'CONSUMPTION', 'HOUSING', 'EDUCATION', 'OTHER'],
  guarantee: ['GUARANTOR', 'GUARANTOR_PUBLIC_SERVANT', 'MORTGAGE_PROPERTY', 'GUARANTEE_COMPANY'],
  outcome: ['APPROVED', 'DECLINED', 'REFERRED'],
  status: ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'RETIRED', 'REJECTED'],
  role: ['PRODUCT_MANAGER', 'APPROVER', 'AUDITOR', 'ADMIN', 'CREDIT_OFFICER'],
  approvalLevel: ['BRANCH', 'UNION_COMMITTEE'],
};

const zh = {
  segment: { FARMER: '农户', AGRI_ENTITY: '新型农业经营主体', MERCHANT: '个体工商户', SMALL_ENTERPRISE: '小微企业',
    SALARIED_PUBLIC: '行政事业单位工薪人员', SALARIED_SOE: '国有企业工薪人员', RESIDENT: '城乡居民',
    MIGRANT_WORKER: '外出务工人员', NEW_CITIZEN: '新市民' },
  adminRank: { NONE: '无', STAFF: '科员', DEPUTY_SECTION: '副科级', SECTION: '正科级', DEPUTY_DIVISION: '副处级',
    DIVISION_OR_ABOVE: '正处级及以上' },
  committeeRating: { NONE: '未评议', POOR: '差', AVERAGE: '一般', GOOD: '好' },
  purpose: { PRODUCTION: '生产经营', BUSINESS: '经营周转', CONSUMPTION: '消费', HOUSING: '住房', EDUCATION: '教育', OTHER: '其他' },
  guarantee: { GUARANTOR: '保证人担保', GUARANTOR_PUBLIC_SERVANT: '公职人员担保', MORTGAGE_PROPERTY: '房产抵押',
    GUARANTEE_COMPANY: '担保公司担保' },
  outcome: { APPROVED: '批准', DECLINED: '拒绝', REFERRED: '转人工审批' },
  status: { DRAFT: '草稿', IN_REVIEW: '审批中', APPROVED: '已批准', PUBLISHED: '已发布', RETIRED: '已停用',
    REJECTED: '已驳回', ACTIVE: '在用', QUEUED: '排队中', RUNNING: '运行中', DONE: '已完成', FAILED: '失败' },
  role: { PRODUCT_MANAGER: '产品经理', APPROVER: '审批人', AUDITOR: '审计员', ADMIN: '管理员', CREDIT_OFFICER: '信贷员' },
  approvalLevel: { BRANCH: '支行审批', UNION_COMMITTEE: '联社审贷会' },
  event: { CREATED: '创建', EDITED: '编辑', VALIDATED: '校验', TESTED: '测试', SUBMITTED: '提交审批', APPROVED: '批准',
    REJECTED: '驳回', PUBLISHED: '发布', RETIRED: '停用', ROLLED_BACK: '回滚', DELETED: '删除', SIMULATED: '模拟' },
};
const en = {
  segment: { FARMER: 'Farm household', AGRI_ENTITY: 'Agricultural entity', MERCHANT: 'Merchant', SMALL_ENTERPRISE: 'Small enterprise',
    SALARIED_PUBLIC: 'Salaried (public sector)', SALARIED_SOE: 'Salaried (state enterprise)', RESIDENT: 'Resident',
    MIGRANT_WORKER: 'Migrant worker', NEW_CITIZEN: 'New citizen' },
  adminRank: { NONE: 'None', STAFF: 'Staff', DEPUTY_SECTION: 'Deputy section', SECTION: 'Section', DEPUTY_DIVISION: 'Deputy division',
    DIVISION_OR_ABOVE: 'Division or above' },
  committeeRating: { NONE: 'Not rated', POOR: 'Poor', AVERAGE: 'Average', GOOD: 'Good' },
  purpose: { PRODUCTION: 'Production', BUSINESS: 'Business', CONSUMPTION: 'Consumption', HOUSING: 'Housing', EDUCATION: 'Education', OTHER: 'Other' },
  guarantee: { GUARANTOR: 'Guarantor', GUARANTOR_PUBLIC_SERVANT: 'Public-servant guarantor', MORTGAGE_PROPERTY: 'Property mortgage',
    GUARANTEE_COMPANY: 'Guarantee company' },
  outcome: { APPROVED: 'Approved', DECLINED: 'Declined', REFERRED: 'Referred' },
  status: { DRAFT: 'Draft', IN_REVIEW: 'In review', APPROVED: 'Approved', PUBLISHED: 'Published', RETIRED: 'Retired',
    REJECTED: 'Rejected', ACTIVE: 'Active', QUEUED: 'Queued', RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed' },
  role: { PRODUCT_MANAGER: 'Product manager', APPROVER: 'Approver', AUDITOR: 'Auditor', ADMIN: 'Admin', CREDIT_OFFICER: 'Credit officer' },
  approvalLevel: { BRANCH: 'Branch', UNION_COMMITTEE: 'Union credit committee' },
  event: { CREATED: 'Created', EDITED: 'Edited', VALIDATED: 'Validated', TESTED: 'Tested', SUBMITTED: 'Submitted', APPROVED: 'Approved',
    REJECTED: 'Rejected', PUBLISHED: 'Published', RETIRED: 'Retired', ROLLED_BACK: 'Rolled back', DELETED: 'Deleted', SIMULATED: 'Simulated' },
};

function flatten(byType) {
  const out = {};
  for (const [type, labels] of Object.entries(byType)) {
    for (const [value, label] of Object.entries(labels)) out[`enum.${type}.${value}`] = label;
  }
  return out;
}
addMessages({ zh: flatten(zh), en: flatten(en) });
