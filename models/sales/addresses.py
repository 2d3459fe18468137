"""Splitting a Chinese address written in one cell (收货地址) into province, city, district
and the rest, the way couriers' systems want them."""

from __future__ import annotations

import re
from typing import NamedTuple

_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_PROVINCES = ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
              "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
              "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
_PROVINCE = re.compile(
    "^(?:(?:" + "|".join(_MUNICIPALITIES) + ")市?"
    "|(?:" + "|".join(_PROVINCES) + ")(?:省|(?:壮族|回族|维吾尔)?自治区|特别行政区)?"
    "|.{2,7}?(?:省|自治区))")
# 州 ends a city (郑州) unless 市 follows (杭州市).
_CITY = re.compile(r"^.{1,9}?(?:自治州|地区|盟|市|州(?!市))")
_DISTRICT = re.compile(r"^.{1,9}?(?:新区|区|县|旗|市)")


class AddressParts(NamedTuple):
    """An address as couriers want it."""

    province: str
    city: str
    district: str
    street: str


def split_address(text: str) -> AddressParts:
    """'浙江省 杭州市 西湖区 文三路 100号' (the shops' space-separated form) or
    '浙江省杭州市西湖区文三路100号'; an address it cannot read stays whole in `street`."""
    parts = text.split()
    if len(parts) >= 4 and _PROVINCE.match(parts[0]):
        return AddressParts(parts[0], parts[1], parts[2], " ".join(parts[3:]))
    rest = " ".join(parts)
    province = _PROVINCE.match(rest)
    if province is None:
        return AddressParts("", "", "", rest)
    rest = rest[province.end():].lstrip()
    name = province.group(0)
    if name.rstrip("市") in _MUNICIPALITIES:
        # 北京市朝阳区…, sometimes written 北京 北京市 朝阳区…: the city is the municipality.
        city_name = name.rstrip("市") + "市"
        rest = rest.removeprefix(city_name).removeprefix(name).lstrip()
    else:
        city = _CITY.match(rest)
        city_name = city.group(0) if city else ""
        rest = rest[len(city_name):].lstrip()
    district = _DISTRICT.match(rest)
    district_name = district.group(0) if district else ""
    return AddressParts(name, city_name, district_name, rest[len(district_name):].strip())
