/**
 * What a counterfeit page wants from its visitor (reference counterfeit-tamper.md §3.1, §4 M1–M3):
 * form fields for ID numbers, bank cards, balances, SMS codes, passwords, card CVV or the phone
 * number on file; the lures of subsidy and certificate scams; and what it pushes instead of a form
 * — an app to install (.apk: fake 个税, 反诈 and 社保 apps are how such pages take phones now), a
 * code to pay by, a QQ or WeChat "客服". Read from the raw HTML: field names, placeholders, labels,
 * link targets and the text.
 */
import { tagPattern } from '../text/tag-pattern';

const FIELDS: [label: string, pattern: RegExp][] = [
  ['身份证号', /身份证|证件号|idcard|id_?no|sfzh/i],
  ['银行卡号', /银行卡|卡号|bank_?card|card_?no|yhk/i],
  ['卡内余额', /余额|balance/i],
  ['短信验证码', /短信验证码|动态码|验证码|sms_?code|smscode|yzm/i],
  ['密码', /密码|password|passwd|pwd|取款密码|交易密码/i],
  ['CVV/有效期', /cvv|cvn|安全码|有效期/i],
  ['预留手机号', /预留手机|银行预留/i],
];

const LURES = /补贴|津贴|申领|领取|退费|退税|认证|社保卡(?:异常|升级)|冻结|解冻|逾期(?:视为|将)?放弃|ETC|证书查询|成绩查询|资格审核|个税退|补助金/;

/**
 * A link to an Android package: the page wants an app installed from it. Read tag by tag, then
 * address by address: one pattern from `<a` to `.apk` backtracked in the cube of the markup on a page
 * of `<a ` that never closes (8 KB: 3 s; a defaced page's 100 KB: hours).
 */
const A_TAG = tagPattern('a');
const HREF = /\bhref\s*=\s*["']?([^"'\s>]*)/gi;
const APK_ADDRESS = /\.apk(?:[?#]|$)/i;

function linksAnApk(html: string): boolean {
  if (!/\.apk/i.test(html)) return false;
  for (const tag of html.matchAll(A_TAG)) for (const h of tag[0].matchAll(HREF)) if (APK_ADDRESS.test(h[1]!)) return true;
  return false;
}
const PAY_BY_CODE = /扫码(?:支付|缴费|付款|转账)|(?:付款|收款)二维码|付款码|收款码|(?:微信|支付宝)扫码(?:支付|付款|缴费)/;
const CHAT_SERVICE = /(?:客服|人工服务|咨询)\s*(?:QQ|qq|微信)\s*[:：号]?\s*[A-Za-z0-9_-]{5,}/;

const FORM = /<form\b[\s\S]*?(?:<\/form>|$)/gi;
const INPUT = /<(?:input|select|textarea)\b[^>]*>/gi;

export interface Intent {
  /** The sensitive things the page's forms ask for. */
  asks: string[];
  lures: string[];
  /** What it pushes besides a form: 下载安装包(.apk), 扫码付款, QQ/微信客服. */
  pushes: string[];
}

export function intentOf(html: string): Intent {
  const forms = [...html.matchAll(FORM)].map((m) => m[0]);
  // Inputs outside any <form> (script-submitted pages) count too.
  const scope = forms.length ? forms.join('\n') : [...html.matchAll(INPUT)].map((m) => m[0]).join('\n');
  const fieldText = `${scope.replace(/<(?!input|select|textarea|label)[^<>]+>/gi, ' ')}`;
  const asks = FIELDS.filter(([, re]) => re.test(fieldText)).map(([label]) => label);
  // 验证码 alone is the image captcha of every search box: only with a phone or card field is it the SMS code of a scam.
  const sensitive = asks.filter((a) => a !== '短信验证码' || asks.some((b) => b !== '短信验证码'));
  const text = html.replace(/<script[\s\S]*?(?:<\/script>|$)|<style[\s\S]*?(?:<\/style>|$)|<[^<>]+>/gi, ' ');
  const lures = [...new Set([...text.matchAll(new RegExp(LURES.source, 'g'))].map((m) => m[0]))];
  const pushes = [
    ...(linksAnApk(html) ? ['下载安装包(.apk)'] : []),
    ...(PAY_BY_CODE.test(text) ? ['扫码付款'] : []),
    ...(CHAT_SERVICE.test(text) ? ['QQ/微信客服'] : []),
  ];
  return { asks: sensitive, lures, pushes };
}
