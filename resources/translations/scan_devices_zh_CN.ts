<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeviceSettingsForm</name>
    <message>
        <location filename="../../views/devices/settings_form.py" line="84" />
        <source>Keyboard scanner (USB, types like a keyboard)</source>
        <translation>键盘式扫描枪（USB，像键盘一样输入）</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="86" />
        <source>Tell scans from typing</source>
        <translation>区分扫描与手工输入</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="87" />
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="88" />
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="90" />
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="91" />
        <source>Tab</source>
        <translation>Tab 键</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="97" />
        <source>Shortest scan</source>
        <translation>最短扫描长度</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="98" />
        <source>Longest pause between keys</source>
        <translation>按键间最长间隔</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="99" />
        <location filename="../../views/devices/settings_form.py" line="125" />
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="100" />
        <location filename="../../views/devices/settings_form.py" line="126" />
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="101" />
        <location filename="../../views/devices/settings_form.py" line="123" />
        <source>A scan ends with</source>
        <translation>扫描结束符</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="104" />
        <source>none (the scanner sends GS)</source>
        <translation>无（扫描枪发送 GS）</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="105" />
        <source>Character standing for GS</source>
        <translation>代替 GS 的字符</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="109" />
        <source>Serial or network scanner</source>
        <translation>串口或网络扫描枪</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="111" />
        <source>Use a serial or network scanner</source>
        <translation>使用串口或网络扫描枪</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="114" />
        <source>CR or LF</source>
        <translation>CR 或 LF</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="115" />
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="121" />
        <location filename="../../views/devices/settings_form.py" line="144" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="122" />
        <location filename="../../views/devices/settings_form.py" line="145" />
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="124" />
        <source>Custom end characters</source>
        <translation>自定义结束字符</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="127" />
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="131" />
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="133" />
        <source>Use a scale</source>
        <translation>使用电子秤</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="138" />
        <source>Continuous output (ST,GS,…)</source>
        <translation>连续输出（ST,GS,…）</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="142" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="146" />
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="147" />
        <source>Unit (Toledo 8217)</source>
        <translation>单位（Toledo 8217）</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="148" />
        <source>Wait for a stable weight</source>
        <translation>等待稳定重量</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="152" />
        <source>Feedback</source>
        <translation>提示反馈</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="154" />
        <source>Sounds</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="157" />
        <source>Colour flash</source>
        <translation>颜色闪烁</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="159" />
        <source>Play OK</source>
        <translation>试听“成功”</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="159" />
        <source>Play warning</source>
        <translation>试听“警告”</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="160" />
        <source>Play error</source>
        <translation>试听“错误”</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="167" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../views/devices/settings_form.py" line="168" />
        <source>Try the sounds</source>
        <translation>试听声音</translation>
    </message>
</context>
<context>
    <name>DeviceStatusIndicators</name>
    <message>
        <location filename="../../views/device_status.py" line="24" />
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <location filename="../../views/device_status.py" line="24" />
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <location filename="../../views/device_status.py" line="43" />
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../views/device_status.py" line="43" />
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../views/device_status.py" line="44" />
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
</context>
<context>
    <name>DeviceTestPanel</name>
    <message>
        <location filename="../../views/devices/test_panel.py" line="55" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="58" />
        <location filename="../../views/devices/test_panel.py" line="59" />
        <location filename="../../views/devices/test_panel.py" line="159" />
        <source>not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="60" />
        <source>Keyboard scanner</source>
        <translation>键盘式扫描枪</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="61" />
        <source>Serial scanner</source>
        <translation>串口扫描枪</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="62" />
        <location filename="../../views/devices/test_panel.py" line="101" />
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="66" />
        <source>Last scan</source>
        <translation>最近一次扫描</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="82" />
        <source>Arrived</source>
        <translation>收到内容</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="83" />
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="84" />
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="85" />
        <source>Symbology</source>
        <translation>码制</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="86" />
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="87" />
        <source>Keyboard layout</source>
        <translation>键盘布局</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="95" />
        <source>Scan any barcode: what WareDesk reads from it appears here.</source>
        <translation>扫描任意条码：WareDesk 读取到的内容会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="114" />
        <source>Read stable weight</source>
        <translation>读取稳定重量</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="115" />
        <source>Zero</source>
        <translation>清零</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="116" />
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="149" />
        <source>listening (scan into any field)</source>
        <translation>监听中（可在任意输入框中扫描）</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="150" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="156" />
        <source>connected to {port}</source>
        <translation>已连接到 {port}</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="157" />
        <source>connecting to {port}…</source>
        <translation>正在连接 {port}…</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="158" />
        <source>disconnected from {port}: {detail}</source>
        <translation>与 {port} 断开：{detail}</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="169" />
        <source>(typed by the keyboard scanner)</source>
        <translation>（由键盘式扫描枪输入）</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="172" />
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="179" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="179" />
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="180" />
        <source>Logistic unit (SSCC)</source>
        <translation>物流单元（SSCC）</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="181" />
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="181" />
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="182" />
        <source>Not understood</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="182" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="190" />
        <location filename="../../views/devices/test_panel.py" line="192" />
        <source>moving</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="192" />
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="193" />
        <source>stable, net</source>
        <translation>稳定，净重</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="193" />
        <source>moving, net</source>
        <translation>不稳定，净重</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="203" />
        <source>Stable weight: {weight}</source>
        <translation>稳定重量：{weight}</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="206" />
        <source>The scale is at zero.</source>
        <translation>电子秤已归零。</translation>
    </message>
    <message>
        <location filename="../../views/devices/test_panel.py" line="208" />
        <source>Tare taken.</source>
        <translation>已去皮。</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../views/devices/page.py" line="29" />
        <source>Live test</source>
        <translation>实时测试</translation>
    </message>
    <message>
        <location filename="../../views/devices/page.py" line="30" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../views/devices/page.py" line="43" />
        <source>Save and restart devices</source>
        <translation>保存并重启设备</translation>
    </message>
    <message>
        <location filename="../../views/devices/page.py" line="44" />
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <location filename="../../views/devices/page.py" line="65" />
        <source>Saved. The devices restarted with the new settings.</source>
        <translation>已保存，设备已按新设置重新启动。</translation>
    </message>
</context>
<context>
    <name>PortChooser</name>
    <message>
        <location filename="../../views/devices/settings_form.py" line="38" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
</TS>