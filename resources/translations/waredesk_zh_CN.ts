<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Supervisor approval</source>
        <translation>主管批准</translation>
    </message>
    <message>
        <source>More than the order allows is being received.</source>
        <translation>收货数量超过采购单允许的数量。</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Approve {code}</source>
        <translation>审核 {code}</translation>
    </message>
    <message>
        <source>Approving posts {lines} adjustments to or from inventory loss: {units} units, value {value}.</source>
        <translation>审核将过账 {lines} 笔调整（调入或调出盘亏库位）：{units} 件，金额 {value}。</translation>
    </message>
    <message>
        <source>{n} bins are not counted yet: they are not adjusted.</source>
        <translation>还有 {n} 个库位未盘点：这些库位不做调整。</translation>
    </message>
    <message>
        <source>Optional note for the ledger</source>
        <translation>可选：写入流水的备注</translation>
    </message>
    <message>
        <source>Approve and post</source>
        <translation>审核并过账</translation>
    </message>
</context>
<context>
    <name>ApprovedDialog</name>
    <message>
        <source>{code} approved</source>
        <translation>{code} 已审核</translation>
    </message>
    <message>
        <source>Bins approved</source>
        <translation>已审核库位</translation>
    </message>
    <message>
        <source>Adjustment moves posted</source>
        <translation>已过账调整笔数</translation>
    </message>
    <message>
        <source>Units found (added)</source>
        <translation>盘盈数量（调入）</translation>
    </message>
    <message>
        <source>Units missing (written off)</source>
        <translation>盘亏数量（核销）</translation>
    </message>
    <message>
        <source>Bins not counted, left out</source>
        <translation>未盘点、未调整的库位</translation>
    </message>
    <message>
        <source>Lines counted</source>
        <translation>盘点行数</translation>
    </message>
    <message>
        <source>Lines without variance</source>
        <translation>无差异行数</translation>
    </message>
    <message>
        <source>Count accuracy</source>
        <translation>盘点准确率</translation>
    </message>
    <message>
        <source>Value found</source>
        <translation>盘盈金额</translation>
    </message>
    <message>
        <source>Shrinkage value</source>
        <translation>损耗金额</translation>
    </message>
    <message>
        <source>Net value change</source>
        <translation>金额净变化</translation>
    </message>
</context>
<context>
    <name>BatchResultsDialog</name>
    <message>
        <source>Batch file replayed</source>
        <translation>批量文件已导入</translation>
    </message>
    <message>
        <source>{n} lines: {ok} received, {bad} refused.</source>
        <translation>共 {n} 行：{ok} 行已收货，{bad} 行被拒绝。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>BinStatus</name>
    <message>
        <source>Not counted</source>
        <translation>未盘点</translation>
    </message>
    <message>
        <source>Being counted</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘点</translation>
    </message>
    <message>
        <source>Recount</source>
        <translation>待复盘</translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>No rows match</source>
        <translation>没有符合条件的记录</translation>
    </message>
    <message>
        <source>More than {count} rows</source>
        <translation>超过 {count} 行</translation>
    </message>
    <message>
        <source>Rows: {count}</source>
        <translation>共 {count} 行</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源库位</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目标库位</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Alternative name</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>采购单</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计到货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
</context>
<context>
    <name>CountKind</name>
    <message>
        <source>Whole warehouse</source>
        <extracomment>Plan kinds in the order the plan dialog offers them.</extracomment>
        <translation>全仓</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Aisle</source>
        <translation>巷道</translation>
    </message>
    <message>
        <source>Location range</source>
        <translation>库位范围</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Cycle count (ABC)</source>
        <translation>循环盘点（ABC）</translation>
    </message>
    <message>
        <source>Random sample</source>
        <translation>随机抽盘</translation>
    </message>
    <message>
        <source>Short pick</source>
        <extracomment>Kinds of counts WareDesk plans by itself (a bin reported short at picking).</extracomment>
        <translation>拣货缺货</translation>
    </message>
</context>
<context>
    <name>CountStatus</name>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>CountTables</name>
    <message>
        <source>Count</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bins counted</source>
        <translation>已盘库位</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>盘点人</translation>
    </message>
    <message>
        <source>Counted at</source>
        <translation>盘点时间</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Lot / serial</source>
        <translation>批次 / 序列号</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面数</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Value impact</source>
        <translation>金额影响</translation>
    </message>
</context>
<context>
    <name>CountingPage</name>
    <message>
        <source>Counting</source>
        <extracomment>&quot;count&quot; after F2 on an empty field: the next Enter opens that count number.</extracomment>
        <translation>盘点作业</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <source>Open count</source>
        <translation>打开盘点单</translation>
    </message>
    <message>
        <source>Bin empty</source>
        <translation>库位为空</translation>
    </message>
    <message>
        <source>Finish bin</source>
        <translation>完成库位</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>撤销上次扫描</translation>
    </message>
    <message>
        <source>Batch file</source>
        <translation>批量文件</translation>
    </message>
    <message>
        <source>{text} is no count number</source>
        <translation>{text} 不是盘点单号</translation>
    </message>
    <message>
        <source>Type the number on the count sheet (COUNT-12 or 12)</source>
        <translation>输入盘点表上的单号（COUNT-12 或 12）</translation>
    </message>
    <message>
        <source>Batch scanner file</source>
        <translation>批量扫描器文件</translation>
    </message>
    <message>
        <source>Scanner files (*.txt *.csv);;All files (*)</source>
        <translation>扫描器文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Batch file: {ok} of {n} lines counted.</source>
        <translation>批量文件：{n} 行中已盘点 {ok} 行。</translation>
    </message>
    <message>
        <source>Bins {done} / {total}</source>
        <translation>库位 {done} / {total}</translation>
    </message>
    <message>
        <source>Counted {n}</source>
        <translation>已盘 {n}</translation>
    </message>
    <message>
        <source>Type the count number (COUNT-12 or 12), then Enter</source>
        <translation>输入盘点单号（COUNT-12 或 12），然后按回车</translation>
    </message>
</context>
<context>
    <name>CountsPage</name>
    <message>
        <source>Counts</source>
        <extracomment>The dialog opened last (plan, approve, approved): tests drive it.</extracomment>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Plan count…</source>
        <translation>计划盘点…</translation>
    </message>
    <message>
        <source>Request recount</source>
        <translation>要求复盘</translation>
    </message>
    <message>
        <source>Send the selected bins to a recount by another counter</source>
        <translation>将所选库位交由另一位盘点人复盘</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>审核…</translation>
    </message>
    <message>
        <source>Count sheet PDF…</source>
        <translation>盘点表 PDF…</translation>
    </message>
    <message>
        <source>Count report PDF…</source>
        <translation>盘点报告 PDF…</translation>
    </message>
    <message>
        <source>Adjustments in move history</source>
        <translation>在库存流水中查看调整</translation>
    </message>
    <message>
        <source>Only variances</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Variances</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Choose a count, or plan one</source>
        <translation>选择一个盘点单，或新建计划</translation>
    </message>
    <message>
        <source>{code} – {title} – {status}</source>
        <translation>{code} – {title} – {status}</translation>
    </message>
    <message>
        <source>{lines} lines differ: {units} units, value {value}</source>
        <translation>{lines} 行有差异：{units} 件，金额 {value}</translation>
    </message>
    <message>
        <source>{code} planned: {n} bins to count. Counters scan {code} on the Counting screen.</source>
        <translation>{code} 已计划：需盘点 {n} 个库位。盘点人在“盘点作业”界面扫描 {code}。</translation>
    </message>
    <message>
        <source>{locations}: to be recounted by another counter.</source>
        <translation>{locations}：将由另一位盘点人复盘。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF saved to {path}.</source>
        <translation>PDF 已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>Database – WareDesk</source>
        <translation>数据库 – WareDesk</translation>
    </message>
    <message>
        <source>Choose the database</source>
        <translation>选择数据库</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>A SQLite file path for this workstation alone, or postgresql://user:password@server/database for a warehouse&apos;s shared database.</source>
        <translation>仅本工作站使用时填写 SQLite 文件路径；仓库多台工作站共用时填写 postgresql://用户名:密码@服务器/数据库名。</translation>
    </message>
    <message>
        <source>Open this database</source>
        <translation>打开此数据库</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsForm</name>
    <message>
        <source>Keyboard scanner (USB, types like a keyboard)</source>
        <translation>键盘式扫描枪（USB，像键盘一样输入）</translation>
    </message>
    <message>
        <source>Tell scans from typing</source>
        <translation>区分扫描与手工输入</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab 键</translation>
    </message>
    <message>
        <source>Shortest scan</source>
        <translation>最短扫描长度</translation>
    </message>
    <message>
        <source>Longest pause between keys</source>
        <translation>按键间最长间隔</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <source>A scan ends with</source>
        <translation>扫描结束符</translation>
    </message>
    <message>
        <source>none (the scanner sends GS)</source>
        <translation>无（扫描枪发送 GS）</translation>
    </message>
    <message>
        <source>Character standing for GS</source>
        <translation>代替 GS 的字符</translation>
    </message>
    <message>
        <source>Serial or network scanner</source>
        <translation>串口或网络扫描枪</translation>
    </message>
    <message>
        <source>Use a serial or network scanner</source>
        <translation>使用串口或网络扫描枪</translation>
    </message>
    <message>
        <source>CR or LF</source>
        <translation>CR 或 LF</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Custom end characters</source>
        <translation>自定义结束字符</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Use a scale</source>
        <translation>使用电子秤</translation>
    </message>
    <message>
        <source>Continuous output (ST,GS,…)</source>
        <translation>连续输出（ST,GS,…）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Unit (Toledo 8217)</source>
        <translation>单位（Toledo 8217）</translation>
    </message>
    <message>
        <source>Wait for a stable weight</source>
        <translation>等待稳定重量</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>提示反馈</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Colour flash</source>
        <translation>颜色闪烁</translation>
    </message>
    <message>
        <source>Play OK</source>
        <translation>试听“成功”</translation>
    </message>
    <message>
        <source>Play warning</source>
        <translation>试听“警告”</translation>
    </message>
    <message>
        <source>Play error</source>
        <translation>试听“错误”</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Try the sounds</source>
        <translation>试听声音</translation>
    </message>
</context>
<context>
    <name>DeviceStatusIndicators</name>
    <message>
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
</context>
<context>
    <name>DeviceTestPanel</name>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Keyboard scanner</source>
        <translation>键盘式扫描枪</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫描枪</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最近一次扫描</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>收到内容</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Symbology</source>
        <translation>码制</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Keyboard layout</source>
        <translation>键盘布局</translation>
    </message>
    <message>
        <source>Scan any barcode: what WareDesk reads from it appears here.</source>
        <translation>扫描任意条码：WareDesk 读取到的内容会显示在这里。</translation>
    </message>
    <message>
        <source>Read stable weight</source>
        <translation>读取稳定重量</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>清零</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <source>listening (scan into any field)</source>
        <translation>监听中（可在任意输入框中扫描）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>connected to {port}</source>
        <translation>已连接到 {port}</translation>
    </message>
    <message>
        <source>connecting to {port}…</source>
        <translation>正在连接 {port}…</translation>
    </message>
    <message>
        <source>disconnected from {port}: {detail}</source>
        <translation>与 {port} 断开：{detail}</translation>
    </message>
    <message>
        <source>(typed by the keyboard scanner)</source>
        <translation>（由键盘式扫描枪输入）</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Logistic unit (SSCC)</source>
        <translation>物流单元（SSCC）</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Not understood</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>moving</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>stable, net</source>
        <translation>稳定，净重</translation>
    </message>
    <message>
        <source>moving, net</source>
        <translation>不稳定，净重</translation>
    </message>
    <message>
        <source>Stable weight: {weight}</source>
        <translation>稳定重量：{weight}</translation>
    </message>
    <message>
        <source>The scale is at zero.</source>
        <translation>电子秤已归零。</translation>
    </message>
    <message>
        <source>Tare taken.</source>
        <translation>已去皮。</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Live test</source>
        <translation>实时测试</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>The scanners and the scale of this workstation. Scan anything to see what WareDesk reads; the settings stay on this computer.</source>
        <translation>本工作站的扫描枪和电子秤。扫描任意条码即可查看 WareDesk 读取到的内容；这些设置只保存在本机。</translation>
    </message>
    <message>
        <source>Save and restart devices</source>
        <translation>保存并重启设备</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <source>Saved. The devices restarted with the new settings.</source>
        <translation>已保存，设备已按新设置重新启动。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Unexpected error: {error}. The details are in {log}.</source>
        <translation>意外错误：{error}。详细信息见 {log}。</translation>
    </message>
    <message>
        <source>WareDesk</source>
        <translation>WareDesk</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>is required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>is at most 255 characters</source>
        <translation>最多 255 个字符</translation>
    </message>
    <message>
        <source>is at most 32 characters</source>
        <translation>最多 32 个字符</translation>
    </message>
    <message>
        <source>is at most 64 characters, without tabs or line breaks</source>
        <translation>最多 64 个字符，不能含制表符或换行</translation>
    </message>
    <message>
        <source>is required, at most 16 characters</source>
        <translation>必填，最多 16 个字符</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <source>must be more than zero, or empty for no limit</source>
        <translation>必须大于零；留空表示不限</translation>
    </message>
    <message>
        <source>must be at least the minimum stock</source>
        <translation>不能小于最低库存</translation>
    </message>
    <message>
        <source>cannot exceed the maximum stock</source>
        <translation>不能超过最高库存</translation>
    </message>
    <message>
        <source>cannot exceed the shelf life</source>
        <translation>不能超过保质期</translation>
    </message>
    <message>
        <source>must be zero or more</source>
        <translation>不能小于零</translation>
    </message>
    <message>
        <source>a barcode is empty</source>
        <translation>有一个条码为空</translation>
    </message>
    <message>
        <source>a location cannot be its own parent</source>
        <translation>库位不能是自己的上级</translation>
    </message>
    <message>
        <source>expiry is kept per lot: set tracking to lot or serial</source>
        <translation>有效期按批次记录：请把跟踪方式设为按批次或按序列号</translation>
    </message>
    <message>
        <source>is 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;/&apos; or &apos;-&apos;, starting with a letter or digit</source>
        <translation>由 1 到 64 个字母、数字或 . _ / - 组成，并以字母或数字开头</translation>
    </message>
    <message>
        <source>is 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;/&apos; or &apos;-&apos;</source>
        <translation>由 1 到 64 个字母、数字或 . _ / - 组成</translation>
    </message>
    <message>
        <source>must not start with PO-, SO-, WAVE-, TOTE-, COUNT- or CMD-: WareDesk keeps those for its documents and commands</source>
        <translation>不能以 PO-、SO-、WAVE-、TOTE-、COUNT- 或 CMD- 开头：这些前缀留给 WareDesk 的单据和指令条码</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the administrator – WareDesk</source>
        <translation>创建管理员 – WareDesk</translation>
    </message>
    <message>
        <source>Welcome to WareDesk</source>
        <translation>欢迎使用 WareDesk</translation>
    </message>
    <message>
        <source>Nobody can sign in to this database yet ({db}). Create the administrator account: it can add users for everyone else.</source>
        <translation>此数据库（{db}）还没有可以登录的用户。请先创建管理员账号，之后由管理员为其他人添加用户。</translation>
    </message>
    <message>
        <source>at least {n} characters</source>
        <translation>至少 {n} 个字符</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>两次输入的密码不一致，请重新输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>FloorScreen</name>
    <message>
        <source>Cancel</source>
        <extracomment>The dialog a key opened last (reason, approval, summary).</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Last scans</source>
        <translation>最近扫描</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Nothing is waiting for approval</source>
        <translation>没有等待批准的事项</translation>
    </message>
    <message>
        <source>Lines {done} / {total}</source>
        <translation>行 {done} / {total}</translation>
    </message>
    <message>
        <source>Units {done} / {total}</source>
        <translation>件数 {done} / {total}</translation>
    </message>
    <message>
        <source>Type a quantity for the next scan, or a barcode, then Enter</source>
        <translation>输入下一次扫描的数量，或输入条码，然后按回车</translation>
    </message>
    <message>
        <source>Type the lot number, then Enter</source>
        <translation>输入批次号，然后按回车</translation>
    </message>
    <message>
        <source>Type the expiry date (YYYY-MM-DD), then Enter</source>
        <translation>输入有效期（YYYY-MM-DD），然后按回车</translation>
    </message>
    <message>
        <source>Type the serial number, then Enter</source>
        <translation>输入序列号，然后按回车</translation>
    </message>
    <message>
        <source>Type the reason, then Enter</source>
        <translation>输入原因，然后按回车</translation>
    </message>
    <message>
        <source>A supervisor must approve this: F9</source>
        <translation>需要主管批准：按 F9</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import sales orders</source>
        <translation>导入销售订单</translation>
    </message>
    <message>
        <source>A shop&apos;s order export: .csv, .txt or .xlsx</source>
        <translation>店铺导出的订单文件：.csv、.txt 或 .xlsx</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Recognise from the columns</source>
        <translation>按列名自动识别</translation>
    </message>
    <message>
        <source>All or nothing: a file with a bad row imports nothing, and every bad row is listed. Orders imported before are updated while they are new.</source>
        <translation>全部导入或全不导入：文件中只要有一行有误就不导入任何订单，并列出每个有误的行。已导入过的订单在仍为新订单时会被更新。</translation>
    </message>
    <message>
        <source>Choose a shop</source>
        <translation>请选择店铺</translation>
    </message>
    <message>
        <source>Map columns…</source>
        <translation>映射列…</translation>
    </message>
    <message>
        <source>Mappings…</source>
        <translation>列映射…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列格式</translation>
    </message>
    <message>
        <source>Order exports (*.csv *.txt *.xlsx)</source>
        <translation>订单导出文件 (*.csv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>Recognised: {profile}.</source>
        <translation>已识别：{profile}。</translation>
    </message>
    <message>
        <source>No profile knows these columns: map them to import this file.</source>
        <translation>没有模板认得这些列：映射后即可导入此文件。</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <source>Import: nothing was saved</source>
        <translation>导入：未保存任何内容</translation>
    </message>
    <message>
        <source>{count} of the rows in {file} are wrong; nothing was imported. Correct them and import the file again.</source>
        <translation>{file} 中有 {count} 行有误，未导入任何内容。请改正后重新导入该文件。</translation>
    </message>
</context>
<context>
    <name>LayoutEditor</name>
    <message>
        <source>Element</source>
        <extracomment>Editable keys of an element, in column order after the element&apos;s description.</extracomment>
        <translation>元素</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Y</source>
        <translation>Y</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>字号</translation>
    </message>
</context>
<context>
    <name>LineGrid</name>
    <message>
        <source>Add line</source>
        <extracomment>The user changed a cell, or added or removed a line. A SKU was typed into line `row`: the page looks the product up.</extracomment>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
</context>
<context>
    <name>LocationEditor</name>
    <message>
        <source>New warehouse…</source>
        <extracomment>The user asked to create a warehouse.</extracomment>
        <translation>新建仓库…</translation>
    </message>
    <message>
        <source>the code, unless the label differs</source>
        <translation>默认与编码相同，标签不同时才填写</translation>
    </message>
    <message>
        <source>empty: no limit</source>
        <translation>留空表示不限</translation>
    </message>
    <message>
        <source>code of the zone, aisle, rack or level</source>
        <translation>所属区域、巷道、货架或层的编码</translation>
    </message>
    <message>
        <source>Blocked: no stock moves in or out</source>
        <translation>冻结：禁止出入库</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>上级库位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Walk sequence</source>
        <translation>拣货路径顺序</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Capacity (units)</source>
        <translation>容量（件）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>冻结原因</translation>
    </message>
</context>
<context>
    <name>LocationKinds</name>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Aisle</source>
        <translation>巷道</translation>
    </message>
    <message>
        <source>Rack</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>货位</translation>
    </message>
</context>
<context>
    <name>LocationTypes</name>
    <message>
        <source>Receiving</source>
        <translation>收货区</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储区</translation>
    </message>
    <message>
        <source>Pick face</source>
        <translation>拣货位</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>打包区</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发货区</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离区</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货区</translation>
    </message>
</context>
<context>
    <name>LocationsPage</name>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>New location…</source>
        <translation>新建库位…</translation>
    </message>
    <message>
        <source>Search code, name or barcode (Ctrl+F)</source>
        <translation>搜索编码、名称或条码（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in – WareDesk</source>
        <translation>登录 – WareDesk</translation>
    </message>
    <message>
        <source>Sign in to start working.</source>
        <translation>登录后开始作业。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Database: {db}
Workstation: {ws}</source>
        <translation>数据库：{db}
工作站：{ws}</translation>
    </message>
    <message>
        <source>Use another database…</source>
        <translation>使用其他数据库…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>WareDesk – {user} at {workstation}</source>
        <extracomment>The window closed, and why: &quot;quit&quot;, &quot;sign_out&quot;, or a reason the shell gave.</extracomment>
        <translation>WareDesk – {user} @ {workstation}</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>数据库：{db}</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Workstation: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Map the columns of {file}</source>
        <extracomment>Street lines a mapping can join (address line 1, 2, …). The problems column is kept this narrow; the whole text is in the tooltip.</extracomment>
        <translation>映射 {file} 的列</translation>
    </message>
    <message>
        <source>* required; of unit price and line total, one is needed.</source>
        <translation>* 为必填；单价和行金额须有其一。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The first rows as they would be imported:</source>
        <translation>前几行按此映射导入的结果：</translation>
    </message>
    <message>
        <source>e.g. youzan (a-z, 0-9, _ and -)</source>
        <translation>例如 youzan（a-z、0-9、_ 和 -）</translation>
    </message>
    <message>
        <source>e.g. 有赞微商城 order export</source>
        <translation>例如 有赞微商城订单导出</translation>
    </message>
    <message>
        <source>Save and import</source>
        <translation>保存并导入</translation>
    </message>
    <message>
        <source>&amp;Save as</source>
        <translation>保存为(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>说明(&amp;D)</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>（此文件中没有）</translation>
    </message>
    <message>
        <source>{field}, line {n}</source>
        <translation>{field}，第 {n} 行</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>An order&apos;s own cells are on its first row only</source>
        <translation>订单本身的信息只在其第一行</translation>
    </message>
    <message>
        <source>e.g. CN</source>
        <translation>例如 CN</translation>
    </message>
    <message>
        <source>Currency, when a row has none</source>
        <translation>币种（行中未写时）</translation>
    </message>
    <message>
        <source>Country, when a row has none</source>
        <translation>国家（行中未写时）</translation>
    </message>
    <message>
        <source>Time zone of the times</source>
        <translation>时间的时区</translation>
    </message>
    <message>
        <source>Still to choose or correct: {fields}.</source>
        <translation>尚需选择或更正：{fields}。</translation>
    </message>
    <message>
        <source>{rows} rows read: {orders} orders, {bad} rows with problems.</source>
        <translation>已读 {rows} 行：{orders} 个订单，{bad} 行有问题。</translation>
    </message>
</context>
<context>
    <name>MappingListDialog</name>
    <message>
        <source>Column mappings</source>
        <translation>列映射</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Choose a file in the import dialog first: the mapping is edited against it.</source>
        <translation>请先在导入对话框中选择文件：映射要对照它来编辑。</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No mappings yet: choose a file no profile knows, then Map columns…</source>
        <translation>还没有映射：选择一个没有模板认得的文件，然后点“映射列…”</translation>
    </message>
    <message>
        <source>Rename mapping</source>
        <translation>重命名映射</translation>
    </message>
    <message>
        <source>New name of {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Renamed to {name}.</source>
        <translation>已重命名为 {name}。</translation>
    </message>
    <message>
        <source>Delete mapping</source>
        <translation>删除映射</translation>
    </message>
    <message>
        <source>Delete the mapping {name}? Orders imported with it stay.</source>
        <translation>删除映射 {name}？用它导入的订单会保留。</translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation>已删除 {name}。</translation>
    </message>
</context>
<context>
    <name>MovesPage</name>
    <message>
        <source>Move history</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message>
        <source>Empty: the next free number</source>
        <extracomment>The user changed something since the order was shown. A SKU was typed into line `row`: the page looks the product up.</extracomment>
        <translation>留空：自动取下一个单号</translation>
    </message>
    <message>
        <source>e.g. 2026-12-01</source>
        <translation>例如 2026-12-01</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购数量</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计到货</translation>
    </message>
    <message>
        <source>Close order</source>
        <translation>关闭采购单</translation>
    </message>
    <message>
        <source>Short-close: nothing more is expected</source>
        <translation>短交关闭：不再等待到货</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Print PDF…</source>
        <translation>打印 PDF…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>采购单</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细行</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>No product with this SKU</source>
        <translation>没有此 SKU 的商品</translation>
    </message>
</context>
<context>
    <name>OrderField</name>
    <message>
        <source>Order number</source>
        <extracomment>The order fields a mapping gives columns to, in the order the mapping editor lists them: what every mapping needs first.</extracomment>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>行金额</translation>
    </message>
    <message>
        <source>Product title</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Whole address (one cell)</source>
        <translation>完整地址（一个单元格）</translation>
    </message>
    <message>
        <source>Province / state</source>
        <translation>省 / 州</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller note</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Goods total</source>
        <translation>商品总额</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Paid total</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Line id (sub-order)</source>
        <translation>行编号（子订单号）</translation>
    </message>
    <message>
        <source>Line shipping</source>
        <translation>行运费</translation>
    </message>
</context>
<context>
    <name>OrderReturnsBox</name>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>退回时间</translation>
    </message>
    <message>
        <source>Where the units went</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>received {n}</source>
        <translation>收到 {n}</translation>
    </message>
    <message>
        <source>restocked {n}</source>
        <translation>上架 {n}</translation>
    </message>
    <message>
        <source>quarantined {n}</source>
        <translation>隔离 {n}</translation>
    </message>
    <message>
        <source>scrapped {n}</source>
        <translation>报废 {n}</translation>
    </message>
    <message>
        <source>waiting {n}</source>
        <translation>待处理 {n}</translation>
    </message>
</context>
<context>
    <name>PackingPage</name>
    <message>
        <source>Packing</source>
        <translation>打包验货</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫描</translation>
    </message>
    <message>
        <source>Weigh</source>
        <translation>称重</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>主管批准</translation>
    </message>
    <message>
        <source>Undo last item</source>
        <translation>撤销上一件</translation>
    </message>
    <message>
        <source>No scale is set up here: type the weight in kg, then Enter.</source>
        <translation>本工作站未设置电子秤：请输入重量（kg），然后按 Enter。</translation>
    </message>
    <message>
        <source>F5 weighs on the scale, or type the weight in kg, then Enter</source>
        <translation>F5 用电子秤称重，或输入重量（kg）后按 Enter</translation>
    </message>
    <message>
        <source>Scan or type the waybill&apos;s tracking number, then Enter</source>
        <translation>扫描或输入面单上的运单号，然后按 Enter</translation>
    </message>
    <message>
        <source>Enter confirms the parcel; F5 weighs again</source>
        <translation>Enter 确认包裹；F5 重新称重</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>打包验货</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>盘点作业</translation>
    </message>
    <message>
        <source>Move history</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Putaway</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Purchase orders</source>
        <translation>采购单</translation>
    </message>
</context>
<context>
    <name>PickingPage</name>
    <message>
        <source>Picking</source>
        <extracomment>&quot;wave&quot; after F2 on an empty field: the next Enter opens that wave.</extracomment>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>Open wave</source>
        <translation>打开波次</translation>
    </message>
    <message>
        <source>Bin short</source>
        <translation>货位缺货</translation>
    </message>
    <message>
        <source>Undo last pick</source>
        <translation>撤销上次拣货</translation>
    </message>
    <message>
        <source>Wave done</source>
        <translation>波次完成</translation>
    </message>
    <message>
        <source>Type the wave number (WAVE-12 or 12), then Enter</source>
        <translation>输入波次编号（WAVE-12 或 12），然后按 Enter</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan a count</source>
        <extracomment>The fields each kind asks for (the rest are hidden).</extracomment>
        <translation>计划盘点</translation>
    </message>
    <message>
        <source>Optional: what this count is for</source>
        <translation>可选：本次盘点的用途</translation>
    </message>
    <message>
        <source>SKUs separated by commas or spaces</source>
        <translation>多个 SKU 用逗号或空格分隔</translation>
    </message>
    <message>
        <source>Stock value</source>
        <translation>库存金额</translation>
    </message>
    <message>
        <source>Velocity (units moved out)</source>
        <translation>周转速度（出库数量）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> bins</source>
        <translation> 个库位</translation>
    </message>
    <message>
        <source>Optional: the same number draws the same bins</source>
        <translation>可选：相同的数字抽取相同的库位</translation>
    </message>
    <message>
        <source>Blind: counters do not see the expected quantities</source>
        <translation>盲盘：盘点人看不到账面数量</translation>
    </message>
    <message>
        <source> units</source>
        <translation> 件</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点范围</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Aisle</source>
        <translation>巷道</translation>
    </message>
    <message>
        <source>From location</source>
        <translation>起始库位</translation>
    </message>
    <message>
        <source>To location</source>
        <translation>结束库位</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>ABC classes by</source>
        <translation>ABC 分类依据</translation>
    </message>
    <message>
        <source>Count class A every</source>
        <translation>A 类盘点周期</translation>
    </message>
    <message>
        <source>Count class B every</source>
        <translation>B 类盘点周期</translation>
    </message>
    <message>
        <source>Count class C every</source>
        <translation>C 类盘点周期</translation>
    </message>
    <message>
        <source>Sample size</source>
        <translation>抽样数量</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Recount when a line is off by</source>
        <translation>某行差异达到此比例时复盘</translation>
    </message>
    <message>
        <source>and by at least</source>
        <translation>且差异至少为</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
    <message>
        <source>Paid by</source>
        <translation>付款截至</translation>
    </message>
    <message>
        <source>Only orders paid (or ordered, when unpaid) at or before this time</source>
        <translation>只取在此时间及之前付款（未付款的按下单时间）的订单</translation>
    </message>
    <message>
        <source>Single- and multi-item</source>
        <translation>单件和多件订单</translation>
    </message>
    <message>
        <source>Single-item (one unit)</source>
        <translation>单件订单（一件）</translation>
    </message>
    <message>
        <source>Multi-item</source>
        <translation>多件订单</translation>
    </message>
    <message>
        <source>every zone; or e.g. ZA: every bin of the order in it</source>
        <translation>所有库区；或如 ZA：订单的所有货位都在该库区</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Plan waves</source>
        <translation>生成波次</translation>
    </message>
    <message>
        <source>orders, at most</source>
        <translation>个订单，最多</translation>
    </message>
    <message>
        <source>units</source>
        <translation>件</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Cut-off</source>
        <translation>截单时间</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>A wave holds at most</source>
        <translation>每个波次最多</translation>
    </message>
    <message>
        <source>Every carrier (a wave each)</source>
        <translation>所有承运商（各自成波次）</translation>
    </message>
    <message>
        <source>No approved order waits for a wave here.</source>
        <translation>此仓库没有等待波次的已审核订单。</translation>
    </message>
    <message>
        <source>no carrier</source>
        <translation>无承运商</translation>
    </message>
    <message>
        <source>{orders} waiting: {carriers}.</source>
        <translation>{orders}等待波次：{carriers}。</translation>
    </message>
</context>
<context>
    <name>Platform</name>
    <message>
        <source>Taobao / Tmall</source>
        <translation>淘宝 / 天猫</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>Amazon</source>
        <translation>亚马逊</translation>
    </message>
    <message>
        <source>Other (phone, wholesale…)</source>
        <translation>其他（电话、批发…）</translation>
    </message>
</context>
<context>
    <name>PoStatus</name>
    <message>
        <source>Open</source>
        <translation>待收货</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>部分收货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收齐</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>PortChooser</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>PrintLogPanel</name>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Labels sent</source>
        <translation>已发送标签</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>PrinterBar</name>
    <message>
        <source>Check status</source>
        <translation>检查状态</translation>
    </message>
    <message>
        <source>Printers…</source>
        <translation>打印机…</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>No printer yet: add one with Printers…</source>
        <translation>还没有打印机：请点“打印机…”添加</translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>正在询问打印机…</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <source>Printers of this workstation</source>
        <translation>本工作站的打印机</translation>
    </message>
    <message>
        <source>printer&apos;s own</source>
        <translation>使用打印机设置</translation>
    </message>
    <message>
        <source>empty: WareDesk draws Chinese text</source>
        <translation>留空：由 WareDesk 绘制中文</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>tcp://HOST:9100, serial:/dev/ttyUSB0?baud=9600, queue:NAME, folder:/path</source>
        <translation>tcp://主机:9100、serial:/dev/ttyUSB0?baud=9600、queue:队列名、folder:/路径</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>打印语言</translation>
    </message>
    <message>
        <source>Resolution (dpi)</source>
        <translation>分辨率 (dpi)</translation>
    </message>
    <message>
        <source>Media width × length</source>
        <translation>标签纸宽 × 长</translation>
    </message>
    <message>
        <source>Darkness (0-30)</source>
        <translation>打印浓度 (0-30)</translation>
    </message>
    <message>
        <source>Offset x, y</source>
        <translation>偏移 x, y</translation>
    </message>
    <message>
        <source>Copies of each label</source>
        <translation>每张标签份数</translation>
    </message>
    <message>
        <source>Printer font for Chinese</source>
        <translation>打印机中文字体</translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <source>Save printer</source>
        <translation>保存打印机</translation>
    </message>
    <message>
        <source>Remove printer</source>
        <translation>删除打印机</translation>
    </message>
    <message>
        <source>New printer…</source>
        <translation>新打印机…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>PrinterStatus</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>head open</source>
        <translation>打印头打开</translation>
    </message>
    <message>
        <source>ribbon out</source>
        <translation>碳带用完</translation>
    </message>
    <message>
        <source>buffer full</source>
        <translation>缓冲区满</translation>
    </message>
    <message>
        <source>paper jam</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>机盖打开</translation>
    </message>
    <message>
        <source>printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>too cold</source>
        <translation>温度过低</translation>
    </message>
    <message>
        <source>too hot</source>
        <translation>温度过高</translation>
    </message>
    <message>
        <source>settings lost</source>
        <translation>设置丢失</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>{state}: {flags}</source>
        <extracomment>How a state and its conditions are joined (&quot;Needs attention: paper out, head open&quot;).</extracomment>
        <translation>{state}：{flags}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Print log</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation>从文件载入…</translation>
    </message>
    <message>
        <source>SKU or location code</source>
        <translation>SKU 或库位编码</translation>
    </message>
    <message>
        <source>Fill from product</source>
        <translation>用商品填写</translation>
    </message>
    <message>
        <source>Fill from location</source>
        <translation>用库位填写</translation>
    </message>
    <message>
        <source>Save layout for every workstation</source>
        <translation>保存布局（所有工作站）</translation>
    </message>
    <message>
        <source>Reset to built-in</source>
        <translation>恢复内置布局</translation>
    </message>
    <message>
        <source>Data (one row per label)</source>
        <translation>数据（每行一张标签）</translation>
    </message>
    <message>
        <source>Layout (positions and sizes in mm)</source>
        <translation>布局（位置和尺寸，单位毫米）</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Customised by {user}</source>
        <translation>由 {user} 自定义</translation>
    </message>
    <message>
        <source>Built-in layout</source>
        <translation>内置布局</translation>
    </message>
    <message>
        <source>Changed: save it to print with it</source>
        <translation>已修改：保存后打印才会使用</translation>
    </message>
    <message>
        <source>Label data</source>
        <translation>标签数据</translation>
    </message>
    <message>
        <source>Data files (*.json *.csv)</source>
        <translation>数据文件 (*.json *.csv)</translation>
    </message>
    <message>
        <source>{count} labels loaded.</source>
        <translation>已载入 {count} 张标签。</translation>
    </message>
    <message>
        <source>Type a SKU or a location code first.</source>
        <translation>请先输入 SKU 或库位编码。</translation>
    </message>
    <message>
        <source>Layout saved: every workstation prints it now.</source>
        <translation>布局已保存：所有工作站现在都按此打印。</translation>
    </message>
    <message>
        <source>Save the layout first: printing uses the saved layout.</source>
        <translation>请先保存布局：打印使用已保存的布局。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>{done} of {total} labels</source>
        <translation>{done} / {total} 张标签</translation>
    </message>
    <message>
        <source>Labels sent: {count} (job {job}).</source>
        <translation>已发送标签：{count} 张（作业 {job}）。</translation>
    </message>
    <message>
        <source>Job {job} cancelled: {done} of {total} labels sent.</source>
        <translation>作业 {job} 已取消：已发送 {done} / {total} 张标签。</translation>
    </message>
    <message>
        <source>Job {job} failed: {error} Retry it from the print log.</source>
        <translation>作业 {job} 失败：{error} 可在打印记录中重试。</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>Not tracked</source>
        <extracomment>The user changed something since the product was shown.</extracomment>
        <translation>不跟踪</translation>
    </message>
    <message>
        <source>By lot</source>
        <translation>按批次</translation>
    </message>
    <message>
        <source>By serial number</source>
        <translation>按序列号</translation>
    </message>
    <message>
        <source>Lots have an expiry date</source>
        <translation>批次有有效期</translation>
    </message>
    <message>
        <source>Active (can be received and sold)</source>
        <translation>启用（可入库、可销售）</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Units in pack</source>
        <translation>每包件数</translation>
    </message>
    <message>
        <source>Add barcode</source>
        <translation>添加条码</translation>
    </message>
    <message>
        <source>Remove barcode</source>
        <translation>删除条码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Alternative name</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Tracking and shelf life</source>
        <translation>跟踪与保质期</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>跟踪方式</translation>
    </message>
    <message>
        <source>Shelf life (days)</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <source>Minimum days left on receipt</source>
        <translation>入库最短剩余效期（天）</translation>
    </message>
    <message>
        <source>Weight and size</source>
        <translation>重量与尺寸</translation>
    </message>
    <message>
        <source>Weight (g)</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <source>Length (mm)</source>
        <translation>长（毫米）</translation>
    </message>
    <message>
        <source>Width (mm)</source>
        <translation>宽（毫米）</translation>
    </message>
    <message>
        <source>Height (mm)</source>
        <translation>高（毫米）</translation>
    </message>
    <message>
        <source>Stock levels and cost</source>
        <translation>库存水位与成本</translation>
    </message>
    <message>
        <source>Minimum stock</source>
        <translation>最低库存</translation>
    </message>
    <message>
        <source>Maximum stock</source>
        <translation>最高库存</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>Standard cost</source>
        <translation>标准成本</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>New product…</source>
        <translation>新建商品…</translation>
    </message>
    <message>
        <source>Search SKU, name or barcode (Ctrl+F)</source>
        <translation>搜索 SKU、名称或条码（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>PurchaseOrdersPage</name>
    <message>
        <source>Purchase orders</source>
        <translation>采购单</translation>
    </message>
    <message>
        <source>New order…</source>
        <translation>新建采购单…</translation>
    </message>
    <message>
        <source>Search number or supplier (Ctrl+F)</source>
        <translation>搜索单号或供应商 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Suppliers…</source>
        <translation>供应商…</translation>
    </message>
    <message>
        <source>Closed: nothing more is expected.</source>
        <translation>已关闭：不再等待到货。</translation>
    </message>
    <message>
        <source>Reopened.</source>
        <translation>已重新打开。</translation>
    </message>
    <message>
        <source>Save the purchase order as PDF</source>
        <translation>将采购单保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF saved to {path}.</source>
        <translation>PDF 已保存到 {path}。</translation>
    </message>
    <message>
        <source>Import purchase orders</source>
        <translation>导入采购单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation>表格文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Importing purchase orders…</source>
        <translation>正在导入采购单…</translation>
    </message>
    <message>
        <source>{file}: {count} rows; created {created} orders, updated {updated}.</source>
        <translation>{file}：{count} 行；新建 {created} 张采购单，更新 {updated} 张。</translation>
    </message>
</context>
<context>
    <name>PutawayPage</name>
    <message>
        <source>Putaway</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Other bin (reason)</source>
        <translation>改放其他货位（需原因）</translation>
    </message>
    <message>
        <source>Scan the item, then the bin you want to use, then F7</source>
        <translation>先扫商品，再扫要用的货位，然后按 F7</translation>
    </message>
    <message>
        <source>Other bin</source>
        <translation>其他货位</translation>
    </message>
    <message>
        <source>Why does the item go to this bin instead of the suggested one?</source>
        <translation>为什么放到这个货位，而不是建议的货位？</translation>
    </message>
</context>
<context>
    <name>QLabel</name>
    <message>
        <source>This window runs without devices.</source>
        <translation>此窗口未连接设备。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Supplier code</source>
        <translation>供应商编码</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Putaway</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>出库</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>退货上架</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>库存调整</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
</context>
<context>
    <name>ReceiptOutputs</name>
    <message>
        <source>Discrepancy report (PDF)…</source>
        <translation>差异报告（PDF）…</translation>
    </message>
    <message>
        <source>A label per unit</source>
        <translation>每件一张标签</translation>
    </message>
    <message>
        <source>A label per case</source>
        <translation>每箱一张标签</translation>
    </message>
    <message>
        <source>A lot label per lot</source>
        <translation>每批次一张批次标签</translation>
    </message>
    <message>
        <source>PDF file…</source>
        <translation>PDF 文件…</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>Save the discrepancy report</source>
        <translation>保存差异报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Nothing to label by this rule.</source>
        <translation>按此规则没有需要打印的标签。</translation>
    </message>
    <message>
        <source>Save the labels</source>
        <translation>保存标签</translation>
    </message>
    <message>
        <source>Printing {n} labels on {printer}…</source>
        <translation>正在 {printer} 上打印 {n} 张标签…</translation>
    </message>
    <message>
        <source>Print job {job}: {status}, {sent} of {total} labels sent.</source>
        <translation>打印任务 {job}：{status}，已发送 {sent} / {total} 张标签。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {why}</source>
        <translation>无法写入 {path}：{why}</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <source>Receiving</source>
        <extracomment>Blind receiving for the next order opened (F6): ordered quantities stay hidden. &quot;order&quot; after F2 on an empty field: the next Enter opens that order number.</extracomment>
        <translation>收货</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>打开采购单</translation>
    </message>
    <message>
        <source>Unplanned</source>
        <translation>无单收货</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>撤销上次扫描</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>主管批准</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Batch file</source>
        <translation>批量文件</translation>
    </message>
    <message>
        <source>Type the purchase order number, then Enter</source>
        <translation>输入采购单号，然后按回车</translation>
    </message>
    <message>
        <source>Unplanned receipt</source>
        <translation>无单收货</translation>
    </message>
    <message>
        <source>Why are these goods received without a purchase order?</source>
        <translation>为什么在没有采购单的情况下收货？</translation>
    </message>
    <message>
        <source>Blind receiving is chosen before the order is opened</source>
        <translation>盲收须在打开采购单之前选择</translation>
    </message>
    <message>
        <source>Finish this receipt first (F10)</source>
        <translation>请先完成本次收货（F10）</translation>
    </message>
    <message>
        <source>Blind receiving on: ordered quantities are hidden</source>
        <translation>盲收已开启：不显示采购数量</translation>
    </message>
    <message>
        <source>Blind receiving off: ordered quantities are shown</source>
        <translation>盲收已关闭：显示采购数量</translation>
    </message>
    <message>
        <source>Blind: on</source>
        <translation>盲收：开</translation>
    </message>
    <message>
        <source>Blind: off</source>
        <translation>盲收：关</translation>
    </message>
    <message>
        <source>Batch scanner file</source>
        <translation>批量扫描文件</translation>
    </message>
    <message>
        <source>Scanner files (*.txt *.csv);;All files (*)</source>
        <translation>扫描文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Batch file: {ok} of {n} lines received.</source>
        <translation>批量文件：{n} 行中 {ok} 行已收货。</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>已于 {time} 保存。</translation>
    </message>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>未保存：请更正标红的字段。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Throw away the changes to {record}?</source>
        <translation>放弃对 {record} 的修改吗？</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Returns</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>重新上架</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>主管批准</translation>
    </message>
    <message>
        <source>Undo last step</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <source>Type 1-5 from the list, or the reason in words, then Enter</source>
        <translation>输入列表中的 1-5，或直接输入原因，然后按 Enter</translation>
    </message>
    <message>
        <source>Scan the bin to restock to, or Enter for the suggested one</source>
        <translation>扫描要上架的货位，或按 Enter 使用建议货位</translation>
    </message>
</context>
<context>
    <name>ReviewBar</name>
    <message>
        <source>Review new</source>
        <extracomment>Review every new order by the rules. (action, reason): retry, release, approve, hold or cancel the chosen orders.</extracomment>
        <translation>审核新订单</translation>
    </message>
    <message>
        <source>Review every new order by the rules (F9)</source>
        <translation>按规则审核所有新订单（F9）</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重新审核</translation>
    </message>
    <message>
        <source>The rules and the stock again</source>
        <translation>重新按规则和库存审核</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除挂起</translation>
    </message>
    <message>
        <source>Lift the hold and reserve</source>
        <translation>解除挂起并预留库存</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Approve by hand and reserve</source>
        <translation>人工审核通过并预留库存</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>挂起…</translation>
    </message>
    <message>
        <source>Hold with a reason</source>
        <translation>挂起并说明原因</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <source>Cancel and release the stock</source>
        <translation>取消订单并释放库存</translation>
    </message>
    <message>
        <source>Hold orders</source>
        <translation>挂起订单</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Why are they held? (the queue shows it)</source>
        <translation>挂起原因？（异常队列中会显示）</translation>
    </message>
    <message>
        <source>Why are they cancelled? (optional)</source>
        <translation>取消原因？（可不填）</translation>
    </message>
    <message>
        <source>{approved} approved, {held} held, {exception} exceptions, {backorder} backordered, {cancelled} cancelled.</source>
        <translation>审核通过 {approved} 张，挂起 {held} 张，异常 {exception} 张，缺货待补 {backorder} 张，取消 {cancelled} 张。</translation>
    </message>
    <message>
        <source>Left alone: {orders}.</source>
        <translation>未处理：{orders}。</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Review</source>
        <translation>审单</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>What it did</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Why it waits</source>
        <translation>等待原因</translation>
    </message>
    <message>
        <source>Ships</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Reserved stock</source>
        <translation>已预留库存</translation>
    </message>
    <message>
        <source>Review trace</source>
        <translation>审单记录</translation>
    </message>
    <message>
        <source>from {warehouse}</source>
        <translation>从 {warehouse} 发货</translation>
    </message>
    <message>
        <source>by {carrier}</source>
        <translation>承运商 {carrier}</translation>
    </message>
    <message>
        <source>tracking {number}</source>
        <translation>运单号 {number}</translation>
    </message>
    <message>
        <source>priority {n}</source>
        <translation>优先级 {n}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>receiver</source>
        <translation>收货员</translation>
    </message>
    <message>
        <source>picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <source>packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>盘点员</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>后台文员</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>None ticked: orders of every shop</source>
        <translation>不勾选：所有店铺的订单</translation>
    </message>
    <message>
        <source>paid total at least, e.g. 2000</source>
        <translation>实付金额不少于，如 2000</translation>
    </message>
    <message>
        <source>paid total at most</source>
        <translation>实付金额不超过</translation>
    </message>
    <message>
        <source>of the paid amounts: CNY unless given, e.g. USD</source>
        <translation>实付金额的币种：不填为 CNY，如 USD</translation>
    </message>
    <message>
        <source>any line, e.g. TEA-001, TEA-002</source>
        <translation>任一订单行，如 TEA-001, TEA-002</translation>
    </message>
    <message>
        <source>any line&apos;s product category</source>
        <translation>任一订单行的商品品类</translation>
    </message>
    <message>
        <source>units at least</source>
        <translation>件数不少于</translation>
    </message>
    <message>
        <source>units at most</source>
        <translation>件数不超过</translation>
    </message>
    <message>
        <source>e.g. 学校, 大学</source>
        <translation>如 学校, 大学</translation>
    </message>
    <message>
        <source>e.g. vip, wholesale</source>
        <translation>如 vip, wholesale</translation>
    </message>
    <message>
        <source>province or state contains, e.g. 新疆, 西藏</source>
        <translation>省份/州包含，如 新疆, 西藏</translation>
    </message>
    <message>
        <source>e.g. CN, US</source>
        <translation>如 CN, US</translation>
    </message>
    <message>
        <source>what the queue shows, e.g. over 2000: a supervisor approves</source>
        <translation>异常队列显示的原因，如 超过 2000：由主管审核</translation>
    </message>
    <message>
        <source>higher is planned and reserved first</source>
        <translation>数值越高越先预留库存、越先进波次</translation>
    </message>
    <message>
        <source>Either</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>The buyer wrote a note</source>
        <translation>有买家留言</translation>
    </message>
    <message>
        <source>No buyer note</source>
        <translation>无买家留言</translation>
    </message>
    <message>
        <source>None: only assign, the next rules decide</source>
        <translation>无：只做分配，由后面的规则决定</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>When (every condition given must hold; a list: any of it)</source>
        <translation>条件（所填条件须全部满足；多个值：满足其一即可）</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Paid from</source>
        <translation>实付金额自</translation>
    </message>
    <message>
        <source>Paid up to</source>
        <translation>实付金额至</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Units from</source>
        <translation>件数自</translation>
    </message>
    <message>
        <source>Units up to</source>
        <translation>件数至</translation>
    </message>
    <message>
        <source>Address has</source>
        <translation>地址包含</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Customer tag</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Ship from warehouse</source>
        <translation>发货仓库</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>(not assigned)</source>
        <translation>（不分配）</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Review rules</source>
        <translation>审单规则</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>新建规则</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Try on order…</source>
        <translation>用订单试算…</translation>
    </message>
    <message>
        <source>What the saved rules would do with an order, changing nothing</source>
        <translation>已保存的规则会如何处理某个订单（不做任何更改）</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>Read-only: changing the rules needs the permission to review orders.</source>
        <translation>只读：修改规则需要审单权限。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The rules are tried from the top. Warehouse, carrier and priority add up; the first rule that approves, holds or marks an exception decides.</source>
        <translation>规则从上往下依次尝试。仓库、承运商和优先级逐条累加；第一条做出审核通过、挂起或异常决定的规则即为最终决定。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>every order</source>
        <translation>所有订单</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Saved rule {name}.</source>
        <translation>已保存规则 {name}。</translation>
    </message>
    <message>
        <source>Rule {name} is number {position} now.</source>
        <translation>规则 {name} 现在排第 {position} 位。</translation>
    </message>
    <message>
        <source>Rule {name} is disabled.</source>
        <translation>规则 {name} 已停用。</translation>
    </message>
    <message>
        <source>Rule {name} is enabled.</source>
        <translation>规则 {name} 已启用。</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Delete rule {name}? The orders it reviewed keep its name in their trace.</source>
        <translation>删除规则 {name}？经它审核的订单在审单记录中仍保留其名称。</translation>
    </message>
    <message>
        <source>Removed rule {name}.</source>
        <translation>已删除规则 {name}。</translation>
    </message>
    <message>
        <source>Try the rules on an order</source>
        <translation>用订单试算规则</translation>
    </message>
    <message>
        <source>The whole order number (or shop code and number, e.g. TMALL 2981234567890123456):</source>
        <translation>完整的订单号（或店铺代码加订单号，如 TMALL 2981234567890123456）：</translation>
    </message>
    <message>
        <source>Order {order} with the rules as saved:</source>
        <translation>按已保存的规则，订单 {order}：</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <source>Cancel</source>
        <extracomment>Reports closer together than this are dropped (the last step always gets through): an import may report every row, and the GUI thread need not hear of each. Emitted after a change op committed, with the areas it touched. True while ops are queued or running: for a &quot;working&quot; indicator.</extracomment>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SalesOrderEditor</name>
    <message>
        <source>Choose a shop</source>
        <extracomment>The order&apos;s text fields in the order the cursor goes through them. The user changed something since the order was shown. A SKU was typed into line `row`: the page looks the product up.</extracomment>
        <translation>请选择店铺</translation>
    </message>
    <message>
        <source>e.g. TEL-20261204-01</source>
        <translation>例如 TEL-20261204-01</translation>
    </message>
    <message>
        <source>e.g. 2026-12-04 09:30</source>
        <translation>例如 2026-12-04 09:30</translation>
    </message>
    <message>
        <source>Shop SKU</source>
        <translation>店铺 SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Buyer and recipient</source>
        <translation>买家和收件人</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller note</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细行</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Worked out from the lines when saved</source>
        <translation>保存时按明细行计算</translation>
    </message>
    <message>
        <source>goods {goods}, paid {paid}</source>
        <translation>商品 {goods}，实付 {paid}</translation>
    </message>
    <message>
        <source>paid {time}</source>
        <translation>付款 {time}</translation>
    </message>
    <message>
        <source>entered {time}</source>
        <translation>录入 {time}</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>No product has the SKU or barcode {sku}</source>
        <translation>没有 SKU 或条码为 {sku} 的商品</translation>
    </message>
</context>
<context>
    <name>SalesOrderStatus</name>
    <message>
        <source>New</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Backorder</source>
        <translation>缺货待补</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
</context>
<context>
    <name>SalesOrdersPage</name>
    <message>
        <source>Sales orders</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>New order…</source>
        <translation>新建订单…</translation>
    </message>
    <message>
        <source>Search number, buyer, recipient or SKU (Ctrl+F)</source>
        <translation>搜索订单号、买家、收件人或 SKU (Ctrl+F)</translation>
    </message>
    <message>
        <source>Choose an order in the list, or enter one with New order…</source>
        <translation>请在列表中选择订单，或用“新建订单…”录入订单</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Shops…</source>
        <translation>店铺…</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>审单规则…</translation>
    </message>
    <message>
        <source>The review rules, in the order they are tried</source>
        <translation>审单规则，按尝试顺序排列</translation>
    </message>
    <message>
        <source>Every shop</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Importing sales orders…</source>
        <translation>正在导入销售订单…</translation>
    </message>
    <message>
        <source>1 new order</source>
        <translation>新订单 1 张</translation>
    </message>
    <message>
        <source>{count} new orders</source>
        <translation>新订单 {count} 张</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>明细 1 行</translation>
    </message>
    <message>
        <source>{count} lines</source>
        <translation>明细 {count} 行</translation>
    </message>
    <message>
        <source>{file} into {shop}: {created}, {updated} updated, {unchanged} unchanged; {lines}.</source>
        <translation>{file} 导入 {shop}：{created}，更新 {updated} 张，未变 {unchanged} 张；{lines}。</translation>
    </message>
    <message>
        <source>Left alone, being past new: {orders}.</source>
        <translation>已不是新订单、未改动：{orders}。</translation>
    </message>
    <message>
        <source>{file}: {count} rows are wrong; nothing was imported.</source>
        <translation>{file}：{count} 行有误；没有导入任何订单。</translation>
    </message>
    <message>
        <source>Reviewing orders…</source>
        <translation>正在审核订单…</translation>
    </message>
    <message>
        <source>Choose the orders in the list first.</source>
        <translation>请先在列表中选择订单。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>These settings belong to this workstation; other workstations keep their own.</source>
        <translation>以下设置只作用于本工作站，其他工作站各自保存自己的设置。</translation>
    </message>
    <message>
        <source>empty: the embedded database</source>
        <translation>留空表示使用本机内置数据库</translation>
    </message>
    <message>
        <source>In use now: {db}</source>
        <translation>当前使用：{db}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Workstation name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <source>The new database or workstation name is used from the next sign-in. Sign out now?</source>
        <translation>新的数据库或工作站名称将在下次登录时生效。现在退出登录吗？</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
</context>
<context>
    <name>ShopDialog</name>
    <message>
        <source>Shops</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>e.g. TMALL-1</source>
        <translation>例如 TMALL-1</translation>
    </message>
    <message>
        <source>e.g. 021-55501234</source>
        <translation>例如 021-55501234</translation>
    </message>
    <message>
        <source>empty: the warehouse&apos;s address</source>
        <translation>留空：使用仓库地址</translation>
    </message>
    <message>
        <source>Save shop</source>
        <translation>保存店铺</translation>
    </message>
    <message>
        <source>New shop</source>
        <translation>新建店铺</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sender phone</source>
        <translation>寄件人电话</translation>
    </message>
    <message>
        <source>Return address</source>
        <translation>退货地址</translation>
    </message>
    <message>
        <source>Saved shop {code}.</source>
        <translation>已保存店铺 {code}。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Enter or double-click on a row shows its moves.</source>
        <translation>在某行按回车或双击，查看该行的库存流水。</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Receipt {receipt} finished</source>
        <translation>收货单 {receipt} 已完成</translation>
    </message>
    <message>
        <source>unplanned</source>
        <translation>无单收货</translation>
    </message>
    <message>
        <source>{receipt} – {order}</source>
        <translation>{receipt} – {order}</translation>
    </message>
    <message>
        <source>SKU</source>
        <extracomment>The report and label buttons (views.floor.receipt_outputs), when given.</extracomment>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>采购数量</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Search code or name (Ctrl+F)</source>
        <translation>搜索代码或名称 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Warn, and take them</source>
        <translation>警告并收下</translation>
    </message>
    <message>
        <source>Block until a supervisor approves</source>
        <translation>拒收，需主管批准</translation>
    </message>
    <message>
        <source>Active (new orders can be placed)</source>
        <translation>启用（可以下新采购单）</translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation>新建供应商</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Over-receipt tolerance</source>
        <translation>超收容差</translation>
    </message>
    <message>
        <source>Beyond the tolerance</source>
        <translation>超出容差时</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>TransferPage</name>
    <message>
        <source>Transfers</source>
        <translation>调拨</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <source>New warehouse</source>
        <translation>新建仓库</translation>
    </message>
    <message>
        <source>e.g. SH1</source>
        <translation>例如 SH1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>WaveTables</name>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Units picked</source>
        <translation>已拣件数</translation>
    </message>
    <message>
        <source>Pick tasks</source>
        <translation>拣货任务</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Grouping</source>
        <translation>分组条件</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>1 wave</source>
        <extracomment>A noun counted on the page: its text for one, and for any other number.</extracomment>
        <translation>1 个波次</translation>
    </message>
    <message>
        <source>{count} waves</source>
        <translation>{count} 个波次</translation>
    </message>
    <message>
        <source>1 order</source>
        <translation>1 个订单</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>{count} 个订单</translation>
    </message>
    <message>
        <source>1 approved order</source>
        <translation>1 个已审核订单</translation>
    </message>
    <message>
        <source>{count} approved orders</source>
        <translation>{count} 个已审核订单</translation>
    </message>
    <message>
        <source>1 unit</source>
        <translation>1 件</translation>
    </message>
    <message>
        <source>{count} units</source>
        <translation>{count} 件</translation>
    </message>
    <message>
        <source>1 stop</source>
        <translation>1 个拣货点</translation>
    </message>
    <message>
        <source>{count} stops</source>
        <translation>{count} 个拣货点</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待拣货</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>WavesPage</name>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>打印拣货单</translation>
    </message>
    <message>
        <source>To this workstation&apos;s PDF printer</source>
        <translation>发送到本工作站的 PDF 打印机</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Cancel wave…</source>
        <translation>取消波次…</translation>
    </message>
    <message>
        <source>Only while nothing is picked: its orders are approved again, their stock stays reserved</source>
        <translation>仅限尚未拣货时：订单恢复为已审核，库存仍保持预留</translation>
    </message>
    <message>
        <source>Plan waves from approved orders</source>
        <translation>用已审核订单生成波次</translation>
    </message>
    <message>
        <source>Planning waves…</source>
        <translation>正在生成波次…</translation>
    </message>
    <message>
        <source>No approved order fits these criteria.</source>
        <translation>没有符合这些条件的已审核订单。</translation>
    </message>
    <message>
        <source>{waves}, {orders}, {units}: {codes}.</source>
        <translation>{waves}，{orders}，{units}：{codes}。</translation>
    </message>
    <message>
        <source>{code}: {orders}, carrier {carrier}</source>
        <translation>{code}：{orders}，承运商 {carrier}</translation>
    </message>
    <message>
        <source>{stops}; {picked} of {units} picked.</source>
        <translation>{stops}；已拣 {picked} / {units}。</translation>
    </message>
    <message>
        <source>Cancel {code}? Its orders ({orders}) are approved again and keep their reserved stock.</source>
        <translation>取消 {code}？其订单（{orders} 个）恢复为已审核，并保留已预留的库存。</translation>
    </message>
    <message>
        <source>{code} cancelled: {orders} approved again.</source>
        <translation>{code} 已取消：{orders}恢复为已审核。</translation>
    </message>
    <message>
        <source>Choose a wave in the list</source>
        <translation>请在列表中选择一个波次</translation>
    </message>
    <message>
        <source>Save the pick list as PDF</source>
        <translation>将拣货单另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Pick list saved to {path}.</source>
        <translation>拣货单已保存到 {path}。</translation>
    </message>
    <message>
        <source>Cancel wave</source>
        <translation>取消波次</translation>
    </message>
</context>
</TS>
