import { address } from '../../../checks/privacy/address';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(address, {
  valid: [
    { name: 'an office address is published on purpose', text: '地址：示范市青秀区民族大道100号 邮编：530028' },
    { name: 'a venue without a person', text: '会议地点：示范市会展中心3号楼201室' },
    { name: 'a township-level address', text: '家庭住址：示范市青秀区南湖街道' },
    { name: 'an office address with its door number', text: '办公地址：示范市青秀区民族大道100号' },
    { name: 'a document number after a label-like word', text: '居住证办理依据示范市人民政府令第12号文件执行' },
    { name: 'an address column of a table of offices', html: '<table><tr><th>单位</th><th>地址</th></tr><tr><td>县政务服务中心</td><td>城关镇人民路88号</td></tr></table>' },
  ],
  invalid: [
    { name: 'a labelled home address to the door number', text: '家庭住址：示范市青秀区民族大道1688号', spans: [{ match: '示范市青秀区民族大道1688号' }] },
    { name: 'a village group with a name, not a number', text: '户主：赵某，家庭住址：临川区上顿渡镇温泉村委会下宋组12号', spans: [{ match: '临川区上顿渡镇温泉村委会下宋组12号' }] },
    { name: 'a labelled home address to the room', text: '申请人：张某 家庭住址：示范市青秀区民族大道100号3栋2单元501室', spans: [{ match: '示范市青秀区民族大道100号3栋2单元501室', severity: 'medium' }] },
    { name: 'a rural address in a 公示 table', html: '<table><tr><th>姓名</th><th>住址</th></tr><tr><td>张某某</td><td>大榕树村3组12号</td></tr></table>', spans: [{ match: '大榕树村3组12号' }] },
    {
      name: 'under a 家庭住址 column a village and its door number is enough, and a named person\u2019s row is high',
      html: '<table><tr><th>户主姓名</th><th>家庭住址</th><th>家庭人口</th></tr><tr><td>覃桂英</td><td>某镇某村委会下宋屯12号</td><td>2</td></tr></table>',
      spans: [{ match: '某镇某村委会下宋屯12号', severity: 'high' }],
    },
    { name: 'hidden, it is high', html: '<p>公示</p><div style="display:none">现住址：金湖路8号2栋1单元302室</div>', spans: [{ match: '金湖路8号2栋1单元302室', severity: 'high', hidden: true }] },
  ],
});
