import type { pairingEn } from './pairing.en.js';

/** 简体中文：配对、重新配对、让其他收银台接入、商家设置。 */
export const pairingZhCN: Record<keyof typeof pairingEn, string> = {
  'pair.lostCode': '店主配对码丢了？在运行同步服务器的电脑上运行 {command} 获取新的配对码。',
  'pair.sameOrigin': '此页面来自该服务器，打开页面时已允许通过 http:// 与它通信。',
  'pair.deviceNameHint': '1–64 个字符，例如“前台收银”',
  'pair.codeHint': '两组字母和数字，例如 ABCDE-12345',
  'pair.repairTitle': '重新配对此收银台',
  'pair.repairIntro': '此收银台已不再配对（已被撤销或服务器不认识它的密钥）。它的销售、到货和盘点都保留在本机；{count, plural, =0 {没有待发送的记录} other {重新配对后将发送 # 条待同步记录}}。',
  'pair.repairCancel': '暂不',
  'pair.error.other-tenant': '该配对码属于另一家商户（{name}）。此收银台上的记录属于 {current}：请向其店主索取配对码。',
  'pair.error.device-name': '请为此设备起一个 1 到 64 个字符的名称。',
  'pair.error.code-format': '配对码的格式类似 ABCDE-12345。',

  'sync.notPaired': '未配对',
  'sync.pairAgain': '重新配对',
  'settings.signOutBlocked': '还有 {count} 条记录未到达服务器。现在解除配对会丢失它们：请先联网同步。',

  'lan.title': '让其他收银台接入',
  'lan.localOnly': '同步服务器只在本机监听，其他收银台无法连接。用 {command} 重新启动，即可让店内网络上的收银台接入。',
  'lan.addresses': '其他收银台在以下任一地址打开 Stockroom 并输入配对码：',
  'lan.qr': '平板可扫描此二维码：打开 Stockroom 并自动填入服务器地址和此配对码。',
  'lan.trust': '这些地址使用明文 http://：只在店内自己的网络中使用。',
  'lan.remote': '其他收银台使用服务器地址 {url} 配对。',

  'business.title': '商家',
  'business.nav': '商家设置',
  'business.intro': '商家名称和币种显示在每台收银台上；时区用于新建的门店。',
  'business.name': '商家名称',
  'business.currency': '币种',
  'business.currencyHint': '已录入的价格数字不变，只改变货币符号。',
  'business.timezone': '时区',
  'business.save': '保存',
  'business.saved': '商家设置已保存',
  'business.nameInvalid': '请输入 1 到 200 个字符的名称。',
  'timezone.search': '搜索时区',
  'timezone.none': '没有匹配的时区',
};
