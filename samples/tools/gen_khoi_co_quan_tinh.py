#!/usr/bin/env python3
"""Generate the sample data set samples/khoi-co-quan-tinh/ and its expected outcome.

A fictional provincial bloc party committee (Đảng ủy Khối các cơ quan tỉnh) modelled on
the seed article (shared/seed) and the figures of shared/DOMAIN.md, for the rule set
rules/khoi-co-quan-tinh/khoi-co-quan-tinh.toml.

    python3 samples/tools/gen_khoi_co_quan_tinh.py            # write the 3 CSV files + README.md
    python3 samples/tools/gen_khoi_co_quan_tinh.py --dry-run  # only print the expected outcome
    python3 samples/tools/gen_khoi_co_quan_tinh.py --json     # print the expected 2021 outcome
                                                              # in the shape of `evaluate --format json`

Python 3 standard library only. The output is deterministic: a fixed seed, and only
`random.Random.random()` is used (the other helpers are written here), so every Python 3
version writes the same bytes.

The second half of this file is a small re-implementation of exactly the rules of
khoi-co-quan-tinh.toml for this data (SPEC §4/§5: three-valued logic, ranges for `streak`
and `share`, `since`, `limit`, ties at the cut). It is used to plant the cases (no tie
straddling a cut, the near misses, the unknown) and to print the expected outcome that the
engine is later compared with. If the rule file is readable (tomllib, Python 3.11+), the
criteria, rank keys and limits written there are checked against what is implemented here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
import unicodedata
from fractions import Fraction

from sample_common import Rng, csv_text, nfc  # noqa: F401  (shared by the generators)

SEED = 20220118                     # the day of the seed's conference
YEARS = [2017, 2018, 2019, 2020, 2021]
EVAL_YEAR = 2021

LEVELS = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
X, T, N, K = 0, 1, 2, 3              # index into LEVELS; smaller is better

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "samples", "khoi-co-quan-tinh")
RULES = os.path.join(ROOT, "rules", "khoi-co-quan-tinh", "khoi-co-quan-tinh.toml")


# --------------------------------------------------------------------------------------
# Deterministic randomness (only Random.random(), whose sequence is fixed for a seed)
# --------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------
# The organization: 52 đảng bộ cơ sở with their chi bộ trực thuộc, 32 chi bộ cơ sở
# --------------------------------------------------------------------------------------

ROOT_ID = "khoi"
ROOT_NAME = "Đảng ủy Khối các cơ quan tỉnh"

_OFFICE = ("vp", "Văn phòng")
_INSPECT = ("thanh-tra", "Thanh tra Sở")
_PERSONNEL = ("to-chuc-can-bo", "Phòng Tổ chức cán bộ")
_PLAN_FIN = ("ke-hoach-tai-chinh", "Phòng Kế hoạch – Tài chính")
_ADMIN = ("to-chuc-hanh-chinh", "Phòng Tổ chức – Hành chính")
_GEN_PLAN = ("ke-hoach-tong-hop", "Phòng Kế hoạch tổng hợp")
_ACCOUNTS = ("tai-chinh-ke-toan", "Phòng Tài chính – Kế toán")
_BUSINESS = ("kinh-doanh", "Phòng Kinh doanh")
_TECH = ("ky-thuat", "Phòng Kỹ thuật")
_TRAINING = ("dao-tao", "Phòng Đào tạo")
_PHARMA = ("khoa-duoc", "Khoa Dược")
_LAB = ("khoa-xet-nghiem", "Khoa Xét nghiệm")

_BANK = [
    ("hanh-chinh-nhan-su", "Phòng Hành chính – Nhân sự"),
    ("khach-hang-doanh-nghiep", "Phòng Khách hàng doanh nghiệp"),
    ("khach-hang-ca-nhan", "Phòng Khách hàng cá nhân"),
    ("ke-toan-ngan-quy", "Phòng Kế toán – Ngân quỹ"),
    ("quan-ly-rui-ro", "Phòng Quản lý rủi ro"),
    ("ke-hoach-tong-hop", "Phòng Kế hoạch – Tổng hợp"),
    ("pgd-trung-tam", "Phòng giao dịch Trung tâm"),
    ("pgd-thanh-pho", "Phòng giao dịch Thành phố"),
]

# (slug, agency, units); the đảng bộ is "db-<slug>", a cell "cb-<slug>-<unit>".
DANG_BO = [
    ("tai-chinh", "Sở Tài chính", [
        ("vp", "Văn phòng Sở"), ("quan-ly-ngan-sach", "Phòng Quản lý ngân sách"),
        ("tai-chinh-dau-tu", "Phòng Tài chính đầu tư"), ("gia-cong-san", "Phòng Quản lý giá và công sản"),
        ("tai-chinh-hcsn", "Phòng Tài chính hành chính sự nghiệp"),
        ("tai-chinh-doanh-nghiep", "Phòng Tài chính doanh nghiệp"), _INSPECT,
        ("tin-hoc-thong-ke", "Phòng Tin học và Thống kê")]),
    ("ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư", [
        _OFFICE, ("tong-hop-quy-hoach", "Phòng Tổng hợp, quy hoạch"),
        ("dang-ky-kinh-doanh", "Phòng Đăng ký kinh doanh"), ("kinh-te-nganh", "Phòng Kinh tế ngành"),
        ("khoa-giao-van-xa", "Phòng Khoa giáo – Văn xã"),
        ("doanh-nghiep", "Phòng Doanh nghiệp, kinh tế tập thể và tư nhân"), _INSPECT]),
    ("noi-vu", "Sở Nội vụ", [
        _OFFICE, ("to-chuc-bien-che", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ"),
        ("cong-chuc-vien-chuc", "Phòng Công chức, viên chức"),
        ("xay-dung-chinh-quyen", "Phòng Xây dựng chính quyền và công tác thanh niên"),
        ("ban-thi-dua", "Ban Thi đua – Khen thưởng"), ("ban-ton-giao", "Ban Tôn giáo"),
        ("van-thu-luu-tru", "Chi cục Văn thư – Lưu trữ"), _INSPECT]),
    ("tu-phap", "Sở Tư pháp", [
        _OFFICE, ("van-ban", "Phòng Xây dựng và kiểm tra văn bản"),
        ("pho-bien-phap-luat", "Phòng Phổ biến, giáo dục pháp luật"),
        ("hanh-chinh-tu-phap", "Phòng Hành chính tư pháp"), ("bo-tro-tu-phap", "Phòng Bổ trợ tư pháp"),
        ("tro-giup-phap-ly", "Trung tâm Trợ giúp pháp lý nhà nước"),
        ("cong-chung", "Phòng Công chứng số 1"), _INSPECT]),
    ("cong-thuong", "Sở Công Thương", [
        _OFFICE, ("quan-ly-thuong-mai", "Phòng Quản lý thương mại"),
        ("quan-ly-cong-nghiep", "Phòng Quản lý công nghiệp"), ("quan-ly-nang-luong", "Phòng Quản lý năng lượng"),
        ("ky-thuat-an-toan", "Phòng Kỹ thuật an toàn – Môi trường"),
        ("khuyen-cong", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"), _INSPECT]),
    ("xay-dung", "Sở Xây dựng", [
        _OFFICE, ("quan-ly-xay-dung", "Phòng Quản lý xây dựng"),
        ("quy-hoach-kien-truc", "Phòng Quy hoạch – Kiến trúc"),
        ("nha-o-bat-dong-san", "Phòng Quản lý nhà và thị trường bất động sản"),
        ("kinh-te-vat-lieu", "Phòng Kinh tế và Vật liệu xây dựng"),
        ("giam-dinh", "Trung tâm Giám định chất lượng xây dựng"), _INSPECT]),
    ("giao-thong-van-tai", "Sở Giao thông vận tải", [
        _OFFICE, ("quan-ly-van-tai", "Phòng Quản lý vận tải, phương tiện và người lái"),
        ("ket-cau-ha-tang", "Phòng Quản lý kết cấu hạ tầng giao thông"), _PLAN_FIN,
        ("quan-ly-chat-luong", "Phòng Quản lý chất lượng công trình giao thông"),
        ("dang-kiem", "Trung tâm Đăng kiểm phương tiện thủy bộ"), _INSPECT]),
    ("nong-nghiep", "Sở Nông nghiệp và Phát triển nông thôn", [
        _OFFICE, ("trong-trot", "Chi cục Trồng trọt và Bảo vệ thực vật"),
        ("chan-nuoi-thu-y", "Chi cục Chăn nuôi và Thú y"), ("thuy-loi", "Chi cục Thủy lợi"),
        ("kiem-lam", "Chi cục Kiểm lâm"), ("thuy-san", "Chi cục Thủy sản"),
        ("khuyen-nong", "Trung tâm Khuyến nông"), _PLAN_FIN]),
    ("tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường", [
        _OFFICE, ("quan-ly-dat-dai", "Phòng Quản lý đất đai"),
        ("bao-ve-moi-truong", "Chi cục Bảo vệ môi trường"),
        ("tai-nguyen-nuoc", "Phòng Tài nguyên nước – Khoáng sản – Khí tượng thủy văn"),
        ("dang-ky-dat-dai", "Văn phòng Đăng ký đất đai"),
        ("quan-trac", "Trung tâm Quan trắc tài nguyên và môi trường"),
        ("cong-nghe-thong-tin", "Trung tâm Công nghệ thông tin"), _INSPECT]),
    ("thong-tin-truyen-thong", "Sở Thông tin và Truyền thông", [
        _OFFICE, ("bao-chi-xuat-ban", "Phòng Thông tin – Báo chí – Xuất bản"),
        ("buu-chinh-vien-thong", "Phòng Bưu chính – Viễn thông"),
        ("cong-nghe-thong-tin", "Phòng Công nghệ thông tin"),
        ("trung-tam-cntt", "Trung tâm Công nghệ thông tin và Truyền thông"), _INSPECT]),
    ("lao-dong-tbxh", "Sở Lao động – Thương binh và Xã hội", [
        _OFFICE, ("lao-dong-viec-lam", "Phòng Lao động – Việc làm – Giáo dục nghề nghiệp"),
        ("nguoi-co-cong", "Phòng Người có công"),
        ("bao-tro-xa-hoi", "Phòng Bảo trợ xã hội – Trẻ em – Bình đẳng giới"),
        ("te-nan-xa-hoi", "Phòng Phòng, chống tệ nạn xã hội"),
        ("dich-vu-viec-lam", "Trung tâm Dịch vụ việc làm"),
        ("cong-tac-xa-hoi", "Trung tâm Công tác xã hội"), _INSPECT]),
    ("van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch", [
        _OFFICE, ("quan-ly-van-hoa", "Phòng Quản lý văn hóa – Gia đình"),
        ("the-duc-the-thao", "Phòng Quản lý thể dục thể thao"), ("du-lich", "Phòng Quản lý du lịch"),
        ("bao-tang", "Bảo tàng tỉnh"), ("thu-vien", "Thư viện tỉnh"),
        ("trung-tam-van-hoa", "Trung tâm Văn hóa – Điện ảnh"),
        ("huan-luyen-the-thao", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao")]),
    ("khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", [
        _OFFICE, ("quan-ly-khoa-hoc", "Phòng Quản lý khoa học"),
        ("quan-ly-cong-nghe", "Phòng Quản lý công nghệ và Thị trường công nghệ"),
        ("tieu-chuan-do-luong", "Chi cục Tiêu chuẩn – Đo lường – Chất lượng"),
        ("ung-dung-tien-bo", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ"), _INSPECT]),
    ("giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", [
        _OFFICE, ("giao-duc-trung-hoc", "Phòng Giáo dục Trung học"),
        ("mam-non-tieu-hoc", "Phòng Giáo dục Mầm non – Tiểu học"),
        ("khao-thi", "Phòng Quản lý chất lượng và Khảo thí"), _PERSONNEL, _PLAN_FIN,
        ("giao-duc-thuong-xuyen", "Phòng Giáo dục thường xuyên – Chuyên nghiệp"), _INSPECT]),
    ("y-te", "Sở Y tế", [
        _OFFICE, ("nghiep-vu-y", "Phòng Nghiệp vụ Y"), ("nghiep-vu-duoc", "Phòng Nghiệp vụ Dược"),
        _PLAN_FIN, _PERSONNEL, ("dan-so", "Chi cục Dân số – Kế hoạch hóa gia đình"),
        ("an-toan-thuc-pham", "Chi cục An toàn vệ sinh thực phẩm"), _INSPECT]),
    ("thanh-tra-tinh", "Thanh tra tỉnh", [
        _OFFICE, ("nghiep-vu-1", "Phòng Nghiệp vụ 1"), ("nghiep-vu-2", "Phòng Nghiệp vụ 2"),
        ("nghiep-vu-3", "Phòng Nghiệp vụ 3"),
        ("tiep-cong-dan", "Phòng Tiếp công dân và Xử lý đơn thư"),
        ("chong-tham-nhung", "Phòng Phòng, chống tham nhũng")]),
    ("vp-ubnd", "Văn phòng UBND tỉnh", [
        ("hanh-chinh-to-chuc", "Phòng Hành chính – Tổ chức"), ("tong-hop", "Phòng Tổng hợp"),
        ("kinh-te", "Phòng Kinh tế"), ("van-hoa-xa-hoi", "Phòng Văn hóa – Xã hội"),
        ("noi-chinh", "Phòng Nội chính"), ("tiep-cong-dan", "Ban Tiếp công dân"),
        ("hanh-chinh-cong", "Trung tâm Phục vụ hành chính công"),
        ("quan-tri-tai-vu", "Phòng Quản trị – Tài vụ")]),
    ("vp-tinh-uy", "Văn phòng Tỉnh ủy", [
        ("tong-hop", "Phòng Tổng hợp"), ("hanh-chinh-luu-tru", "Phòng Hành chính – Lưu trữ"),
        ("quan-tri-tai-vu", "Phòng Quản trị – Tài vụ"), ("tai-chinh-dang", "Phòng Tài chính Đảng"),
        ("doi-xe", "Đội xe"), ("nha-khach", "Nhà khách Tỉnh ủy"),
        ("cntt-co-yeu", "Phòng Công nghệ thông tin – Cơ yếu")]),
    ("vp-doan-dbqh-hdnd", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", [
        ("tong-hop", "Phòng Tổng hợp"), ("cong-tac-quoc-hoi", "Phòng Công tác Quốc hội"),
        ("cong-tac-hdnd", "Phòng Công tác HĐND"),
        ("hanh-chinh-quan-tri", "Phòng Hành chính – Tổ chức – Quản trị")]),
    ("dai-phat-thanh-truyen-hinh", "Đài Phát thanh và Truyền hình tỉnh", [
        _ADMIN, ("thoi-su", "Phòng Thời sự"), ("chuyen-de", "Phòng Chuyên đề"),
        ("van-nghe-giai-tri", "Phòng Văn nghệ – Giải trí"),
        ("ky-thuat-cong-nghe", "Phòng Kỹ thuật – Công nghệ"),
        ("dich-vu-quang-cao", "Phòng Dịch vụ – Quảng cáo"),
        ("bien-tap-phat-thanh", "Phòng Biên tập Phát thanh")]),
    ("kho-bac", "Kho bạc Nhà nước tỉnh", [
        _OFFICE, ("kiem-soat-chi", "Phòng Kiểm soát chi"), ("ke-toan-nha-nuoc", "Phòng Kế toán nhà nước"),
        ("thanh-tra-kiem-tra", "Phòng Thanh tra – Kiểm tra"), _PERSONNEL, ("tin-hoc", "Phòng Tin học"),
        ("kho-bac-thanh-pho", "Kho bạc Nhà nước thành phố")]),
    ("cuc-thue", "Cục Thuế tỉnh", [
        _OFFICE, ("kiem-tra-thue", "Phòng Kiểm tra thuế"), ("thanh-tra-thue", "Phòng Thanh tra thuế"),
        ("ho-tro-nguoi-nop-thue", "Phòng Tuyên truyền – Hỗ trợ người nộp thuế"),
        ("ke-khai-ke-toan", "Phòng Kê khai và Kế toán thuế"),
        ("quan-ly-no", "Phòng Quản lý nợ và Cưỡng chế nợ thuế"),
        ("nghiep-vu-du-toan", "Phòng Nghiệp vụ – Dự toán – Pháp chế"),
        ("chi-cuc-thanh-pho", "Chi cục Thuế thành phố")]),
    ("cuc-thong-ke", "Cục Thống kê tỉnh", [
        _OFFICE, ("tong-hop", "Phòng Thống kê tổng hợp"), ("kinh-te", "Phòng Thống kê kinh tế"),
        ("xa-hoi", "Phòng Thống kê xã hội"), ("thu-thap", "Phòng Thu thập thông tin thống kê")]),
    ("bhxh", "Bảo hiểm xã hội tỉnh", [
        _OFFICE, ("quan-ly-thu", "Phòng Quản lý thu"), ("che-do", "Phòng Chế độ bảo hiểm xã hội"),
        ("giam-dinh-bhyt", "Phòng Giám định bảo hiểm y tế"), _PLAN_FIN,
        ("cong-nghe-thong-tin", "Phòng Công nghệ thông tin"), ("cap-so-the", "Phòng Cấp sổ, thẻ"),
        ("bhxh-thanh-pho", "Bảo hiểm xã hội thành phố")]),
    ("ngan-hang-nha-nuoc", "Ngân hàng Nhà nước chi nhánh tỉnh", [
        ("hanh-chinh-nhan-su", "Phòng Hành chính – Nhân sự"),
        ("thanh-tra-giam-sat", "Thanh tra, giám sát ngân hàng"),
        ("tong-hop-kiem-soat", "Phòng Tổng hợp – Kiểm soát nội bộ"),
        ("ke-toan-thanh-toan", "Phòng Kế toán – Thanh toán"), ("tien-te-kho-quy", "Phòng Tiền tệ – Kho quỹ")]),
    ("agribank", "Agribank chi nhánh tỉnh", _BANK),
    ("vietcombank", "Vietcombank chi nhánh tỉnh", _BANK),
    ("bidv", "BIDV chi nhánh tỉnh", _BANK),
    ("vietinbank", "VietinBank chi nhánh tỉnh", _BANK),
    ("nhcsxh", "Ngân hàng Chính sách xã hội chi nhánh tỉnh", [
        ("hanh-chinh-nhan-su", "Phòng Hành chính – Nhân sự"),
        ("ke-hoach-nghiep-vu", "Phòng Kế hoạch – Nghiệp vụ tín dụng"),
        ("ke-toan-ngan-quy", "Phòng Kế toán – Ngân quỹ"),
        ("kiem-tra-kiem-soat", "Phòng Kiểm tra, kiểm soát nội bộ"), ("tin-hoc", "Phòng Tin học"),
        ("pgd-thanh-pho", "Phòng giao dịch thành phố")]),
    ("truong-chinh-tri", "Trường Chính trị tỉnh", [
        _ADMIN, ("quan-ly-dao-tao", "Phòng Quản lý đào tạo"),
        ("ly-luan-co-so", "Khoa Lý luận cơ sở"), ("xay-dung-dang", "Khoa Xây dựng Đảng"),
        ("nha-nuoc-phap-luat", "Khoa Nhà nước và Pháp luật"), ("dan-van", "Khoa Dân vận")]),
    ("bv-da-khoa", "Bệnh viện Đa khoa tỉnh", [
        _ADMIN, _GEN_PLAN, ("khoa-kham-benh", "Khoa Khám bệnh"), ("khoa-noi", "Khoa Nội tổng hợp"),
        ("khoa-ngoai", "Khoa Ngoại tổng hợp"), ("hoi-suc-cap-cuu", "Khoa Hồi sức cấp cứu"),
        _LAB, ("chan-doan-hinh-anh", "Khoa Chẩn đoán hình ảnh"), _PHARMA,
        ("dieu-duong", "Phòng Điều dưỡng")]),
    ("bv-y-duoc-co-truyen", "Bệnh viện Y dược cổ truyền tỉnh", [
        _ADMIN, _GEN_PLAN, ("khoa-kham-benh", "Khoa Khám bệnh"), ("khoa-noi", "Khoa Nội"),
        ("cham-cuu", "Khoa Châm cứu – Dưỡng sinh"), _PHARMA,
        ("phuc-hoi-chuc-nang", "Khoa Phục hồi chức năng")]),
    ("bv-san-nhi", "Bệnh viện Sản – Nhi tỉnh", [
        _ADMIN, _GEN_PLAN, ("khoa-san", "Khoa Phụ sản"), ("khoa-nhi", "Khoa Nhi"),
        ("so-sinh", "Khoa Sơ sinh"), ("hoi-suc-cap-cuu", "Khoa Hồi sức cấp cứu"), _LAB, _PHARMA]),
    ("bv-lao-phoi", "Bệnh viện Lao và Bệnh phổi tỉnh", [
        _ADMIN, _GEN_PLAN, ("khoa-lao", "Khoa Lao"), ("benh-phoi", "Khoa Bệnh phổi"), _LAB, _PHARMA]),
    ("cdc", "Trung tâm Kiểm soát bệnh tật tỉnh", [
        _ADMIN, ("benh-truyen-nhiem", "Khoa Phòng, chống bệnh truyền nhiễm"),
        ("suc-khoe-cong-dong", "Khoa Sức khỏe cộng đồng"), _LAB,
        ("duoc-vat-tu", "Khoa Dược – Vật tư y tế"), ("hiv-aids", "Khoa Phòng, chống HIV/AIDS")]),
    ("cd-y-te", "Trường Cao đẳng Y tế", [
        _ADMIN, _TRAINING, ("khoa-dieu-duong", "Khoa Điều dưỡng"), ("khoa-duoc", "Khoa Dược"),
        ("khoa-y", "Khoa Y"), ("khoa-co-ban", "Khoa Khoa học cơ bản")]),
    ("cd-cong-dong", "Trường Cao đẳng Cộng đồng", [
        _ADMIN, _TRAINING, ("khoa-kinh-te", "Khoa Kinh tế"),
        ("khoa-cong-nghe", "Khoa Kỹ thuật – Công nghệ"), ("khoa-su-pham", "Khoa Sư phạm"),
        ("khoa-nong-nghiep", "Khoa Nông nghiệp")]),
    ("cd-kinh-te-ky-thuat", "Trường Cao đẳng Kinh tế – Kỹ thuật", [
        _ADMIN, _TRAINING, ("khoa-co-khi", "Khoa Cơ khí"), ("khoa-dien", "Khoa Điện – Điện tử"),
        ("khoa-kinh-te", "Khoa Kinh tế"), ("khoa-cntt", "Khoa Công nghệ thông tin")]),
    ("bql-khu-cong-nghiep", "Ban Quản lý các khu công nghiệp tỉnh", [
        _OFFICE, ("quan-ly-doanh-nghiep", "Phòng Quản lý doanh nghiệp"),
        ("quan-ly-dau-tu", "Phòng Quản lý đầu tư"),
        ("quy-hoach-moi-truong", "Phòng Quy hoạch – Xây dựng – Môi trường"),
        ("ha-tang", "Công ty Phát triển hạ tầng khu công nghiệp")]),
    ("vien-kiem-sat", "Viện Kiểm sát nhân dân tỉnh", [
        _OFFICE, ("cong-to-hinh-su", "Phòng Thực hành quyền công tố và kiểm sát xét xử hình sự"),
        ("kiem-sat-dan-su", "Phòng Kiểm sát giải quyết các vụ việc dân sự, hành chính"),
        ("kiem-sat-thi-hanh-an", "Phòng Kiểm sát thi hành án"),
        ("kiem-sat-dieu-tra", "Phòng Kiểm sát điều tra"),
        ("vks-thanh-pho", "Viện Kiểm sát nhân dân thành phố")]),
    ("toa-an", "Tòa án nhân dân tỉnh", [
        _OFFICE, ("toa-hinh-su", "Tòa Hình sự"), ("toa-dan-su", "Tòa Dân sự"),
        ("toa-hanh-chinh", "Tòa Hành chính"), ("toa-kinh-te", "Tòa Kinh tế"),
        ("giam-doc-kiem-tra", "Phòng Giám đốc kiểm tra"),
        ("tand-thanh-pho", "Tòa án nhân dân thành phố")]),
    ("thi-hanh-an", "Cục Thi hành án dân sự tỉnh", [
        _OFFICE, ("nghiep-vu", "Phòng Nghiệp vụ và Tổ chức thi hành án"),
        ("khieu-nai-to-cao", "Phòng Kiểm tra, giải quyết khiếu nại, tố cáo"), _PERSONNEL,
        ("thads-thanh-pho", "Chi cục Thi hành án dân sự thành phố")]),
    ("cuc-hai-quan", "Cục Hải quan tỉnh", [
        _OFFICE, ("nghiep-vu", "Phòng Nghiệp vụ"), ("doi-kiem-soat", "Đội Kiểm soát hải quan"),
        ("sau-thong-quan", "Chi cục Kiểm tra sau thông quan"),
        ("cua-khau", "Chi cục Hải quan cửa khẩu"), _PERSONNEL]),
    ("quan-ly-thi-truong", "Cục Quản lý thị trường tỉnh", [
        _OFFICE, ("nghiep-vu-tong-hop", "Phòng Nghiệp vụ – Tổng hợp"),
        ("doi-1", "Đội Quản lý thị trường số 1"), ("doi-2", "Đội Quản lý thị trường số 2"),
        ("doi-3", "Đội Quản lý thị trường số 3"), ("doi-4", "Đội Quản lý thị trường số 4"),
        ("doi-co-dong", "Đội Quản lý thị trường cơ động")]),
    ("ban-qlda-xay-dung", "Ban Quản lý dự án đầu tư xây dựng tỉnh", [
        ("hanh-chinh-tong-hop", "Phòng Hành chính – Tổng hợp"), _PLAN_FIN,
        ("du-an-1", "Phòng Quản lý dự án 1"), ("du-an-2", "Phòng Quản lý dự án 2"),
        ("du-an-3", "Phòng Quản lý dự án 3"), ("ky-thuat-tham-dinh", "Phòng Kỹ thuật – Thẩm định")]),
    ("dien-luc", "Công ty Điện lực tỉnh", [
        _ADMIN, _TECH, _BUSINESS, ("dieu-do", "Phòng Điều độ"),
        ("dien-luc-thanh-pho", "Điện lực thành phố"),
        ("luoi-cao-the", "Đội Quản lý vận hành lưới điện cao thế"), _ACCOUNTS]),
    ("buu-dien", "Bưu điện tỉnh", [
        _ADMIN, _BUSINESS, ("buu-dien-trung-tam", "Bưu điện Trung tâm thành phố"),
        ("khai-thac-van-chuyen", "Trung tâm Khai thác – Vận chuyển"), _ACCOUNTS]),
    ("vnpt", "VNPT tỉnh", [
        _ADMIN, ("ky-thuat-dau-tu", "Phòng Kỹ thuật – Đầu tư"),
        ("dieu-hanh-thong-tin", "Trung tâm Điều hành thông tin"),
        ("trung-tam-kinh-doanh", "Trung tâm Kinh doanh VNPT"), _ACCOUNTS,
        ("vien-thong-thanh-pho", "Trung tâm Viễn thông thành phố")]),
    ("cap-thoat-nuoc", "Công ty Cổ phần Cấp thoát nước tỉnh", [
        _ADMIN, _TECH, _BUSINESS, ("xn-cap-nuoc-1", "Xí nghiệp Cấp nước số 1"),
        ("xn-cap-nuoc-2", "Xí nghiệp Cấp nước số 2"), ("xn-thoat-nuoc", "Xí nghiệp Thoát nước đô thị"),
        _ACCOUNTS]),
    ("xo-so", "Công ty TNHH MTV Xổ số kiến thiết tỉnh", [
        _ADMIN, _BUSINESS, _ACCOUNTS, ("phat-hanh", "Phòng Phát hành"),
        ("kiem-tra-giam-sat", "Phòng Kiểm tra – Giám sát")]),
    ("duoc-pham", "Công ty Cổ phần Dược phẩm tỉnh", [
        _ADMIN, _BUSINESS, ("nha-may", "Nhà máy sản xuất"), ("kiem-nghiem", "Phòng Kiểm nghiệm"),
        _ACCOUNTS, ("chi-nhanh-phan-phoi", "Chi nhánh phân phối")]),
]

# (slug, agency); the chi bộ cơ sở is "cbcs-<slug>".
CHI_BO_CO_SO = [
    ("hoi-nong-dan", "Hội Nông dân tỉnh"),
    ("tinh-doan", "Tỉnh đoàn"),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("mat-tran", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh tỉnh"),
    ("lien-doan-lao-dong", "Liên đoàn Lao động tỉnh"),
    ("ngoai-vu", "Sở Ngoại vụ"),
    ("ban-dan-toc", "Ban Dân tộc tỉnh"),
    ("ban-to-chuc", "Ban Tổ chức Tỉnh ủy"),
    ("ban-tuyen-giao", "Ban Tuyên giáo Tỉnh ủy"),
    ("ubkt", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("ban-dan-van", "Ban Dân vận Tỉnh ủy"),
    ("ban-noi-chinh", "Ban Nội chính Tỉnh ủy"),
    ("lien-minh-htx", "Liên minh Hợp tác xã tỉnh"),
    ("lien-hiep-hoi-khkt", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ tỉnh"),
    ("hoi-van-hoc-nghe-thuat", "Hội Văn học – Nghệ thuật tỉnh"),
    ("hoi-nha-bao", "Hội Nhà báo tỉnh"),
    ("hoi-luat-gia", "Hội Luật gia tỉnh"),
    ("bv-mat", "Bệnh viện Mắt tỉnh"),
    ("bv-tam-than", "Bệnh viện Tâm thần tỉnh"),
    ("bv-phuc-hoi-chuc-nang", "Bệnh viện Phục hồi chức năng tỉnh"),
    ("xuc-tien-dau-tu", "Trung tâm Xúc tiến Thương mại và Đầu tư tỉnh"),
    ("quy-dau-tu", "Quỹ Đầu tư phát triển tỉnh"),
    ("ngan-hang-phat-trien", "Ngân hàng Phát triển chi nhánh khu vực"),
    ("mb-bank", "Ngân hàng TMCP Quân đội chi nhánh tỉnh"),
    ("bao-viet", "Công ty Bảo Việt tỉnh"),
    ("moi-truong-do-thi", "Công ty Cổ phần Môi trường đô thị tỉnh"),
    ("xang-dau", "Công ty Xăng dầu tỉnh"),
    ("du-tru-nha-nuoc", "Cục Dự trữ Nhà nước khu vực"),
    ("trung-cap-van-hoa", "Trường Trung cấp Văn hóa – Nghệ thuật tỉnh"),
    ("thuy-san-hung-phat", "Công ty TNHH Chế biến thủy sản Hưng Phát"),
]

# ---- the planted cases ------------------------------------------------------------------
T5_ELIGIBLE = ["cb-tai-chinh-quan-ly-ngan-sach", "cb-bv-da-khoa-hoi-suc-cap-cuu",
               "cb-cuc-thue-kiem-tra-thue", "cb-agribank-ke-toan-ngan-quy"]
T5_SINCE = "cb-kho-bac-kiem-soat-chi"          # got tieu-bieu-5-nam for 2020
T5_NEAR_MISS = "cb-y-te-nghiep-vu-y"            # HTTNV 2017, HTXSNV 2018–2021
T5_UNKNOWN = "cb-giao-duc-dao-tao-giao-duc-trung-hoc"   # rating cell of 2019 empty
CELL_DISCIPLINED = ("cb-cap-thoat-nuoc-xn-cap-nuoc-1", 2018)   # disciplined, KHTNV in 2018
TBN_NM_KHTNV = "cbcs-hoi-nong-dan"              # HTXSNV 2021, one member KHTNV
TBN_NM_SHARE = "db-xay-dung"                    # HTXSNV 2021, 3 of 4 cells HTTNV or better
PLANTED_CELLS = set(T5_ELIGIBLE) | {T5_SINCE, T5_NEAR_MISS, T5_UNKNOWN, CELL_DISCIPLINED[0]}

T5_AWARD_2020_DECISION = "169-QĐ/ĐUK"
TBN_DECISIONS = {2017: "42-QĐ/ĐUK", 2018: "87-QĐ/ĐUK", 2019: "125-QĐ/ĐUK", 2020: "168-QĐ/ĐUK"}

# TCCSĐ levels per year: how many HTXSNV and how many HTNV of the 84 (no KHTNV, as usual).
TCCSD_QUOTAS = {2017: (21, 8), 2018: (21, 7), 2019: (22, 7), 2020: (22, 7), 2021: (24, 7)}
ADMITTED_TOTAL = {2017: 212, 2018: 198, 2019: 236, 2020: 221, 2021: 243}
ADMISSION_TARGET = {2017: 200, 2018: 210, 2019: 220, 2020: 230, 2021: 240}
BLOC_RATING = {2017: X, 2018: X, 2019: X, 2020: T, 2021: X}

# ---- Vietnamese names -----------------------------------------------------------------
SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Huỳnh", 4), ("Hoàng", 2),
            ("Phan", 4), ("Võ", 4), ("Vũ", 2), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.5),
            ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.6), ("Trương", 1), ("Đinh", 0.8), ("Lâm", 0.8),
            ("Mai", 0.6), ("Tô", 0.4), ("Cao", 0.5), ("Châu", 0.4), ("Tạ", 0.3), ("Lương", 0.5),
            ("Đoàn", 0.8), ("Thái", 0.4), ("Quách", 0.3), ("Kiều", 0.2), ("La", 0.2)]
MIDDLE_M = ["Văn", "Văn", "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Ngọc", "Hoàng",
            "Xuân", "Tấn", "Thành", "Trọng", "Phước", "Duy", "Chí", "Hoài", "Trung"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng",
            "Thị Thu", "Thị Thanh", "Thị Kim", "Thị Ngọc", "Thị Mỹ", "Thùy", "Diễm", "Phương"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Phong", "Hải", "Long", "Quang", "Sơn", "Thắng",
           "Trung", "Hiếu", "Khánh", "Tâm", "Phúc", "Lộc", "Tài", "Bình", "Cường", "Đạt", "Hòa",
           "Hưng", "Huy", "Kiên", "Lâm", "Nghĩa", "Nhân", "Phát", "Tín", "Toàn", "Trí", "Vinh",
           "Vũ", "Thành", "Tùng", "Duy", "Hiển", "Quân", "Sang", "Thiện", "Khoa", "Bảo", "An",
           "Thông", "Định", "Tuệ", "Luân", "Nhựt", "Hậu"]
GIVEN_F = ["Hà", "Lan", "Hương", "Mai", "Linh", "Trang", "Thảo", "Ngọc", "Hạnh", "Hằng", "Nhung",
           "Phương", "Tuyết", "Yến", "Vân", "Loan", "Dung", "Thủy", "Oanh", "Trinh", "Diễm", "Hoa",
           "Liên", "Nga", "Nhi", "Quyên", "Thư", "Uyên", "Vy", "Hiền", "My", "Châu", "Hồng",
           "Ánh", "Xuân", "Giang", "Huyền", "Thúy", "Tuyền", "Kiều", "Ngân", "Tâm", "Trâm", "Thanh"]


# --------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------

class Data:
    def __init__(self) -> None:
        self.order: list[str] = []            # subjects in file order
        self.name: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.parent: dict[str, str | None] = {}
        self.gender: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        self.rating: dict[str, dict[int, int | None]] = {}
        self.disciplined: dict[str, dict[int, bool]] = {}
        self.admitted: dict[str, dict[int, int]] = {}       # TCCSĐ only
        self.target: dict[int, int] = {}                     # the bloc only
        self.awards: list[tuple[str, int, str, str]] = []    # subject, year, award, decision

    def add(self, sid, name, kind, parent, gender="") -> None:
        assert sid not in self.name, sid
        self.order.append(sid)
        self.name[sid] = nfc(name)
        self.kind[sid] = kind
        self.parent[sid] = parent
        self.gender[sid] = gender
        self.children[sid] = []
        self.rating[sid] = {}
        self.disciplined[sid] = {y: False for y in YEARS}
        if parent is not None:
            self.children[parent].append(sid)

    def of_kind(self, *kinds) -> list[str]:
        return [s for s in self.order if self.kind[s] in kinds]

    def descendants(self, sid, kind=None) -> list[str]:
        out = []
        stack = list(reversed(self.children[sid]))
        while stack:
            s = stack.pop()
            if kind is None or self.kind[s] == kind:
                out.append(s)
            stack.extend(reversed(self.children[s]))
        return out

    def tccsd(self) -> list[str]:
        return self.of_kind("dang-bo-co-so", "chi-bo-co-so")

    def cells(self, tccsd: str) -> list[str]:
        """The chi bộ holding the members of a TCCSĐ (itself for a chi bộ cơ sở)."""
        return [tccsd] if self.kind[tccsd] == "chi-bo-co-so" else self.children[tccsd]


def build_structure(rng: Rng, d: Data) -> None:
    d.add(ROOT_ID, ROOT_NAME, "dang-uy-khoi", None)
    member_no = 0
    sizes_forced = {TBN_NM_KHTNV: 12}

    def add_members(cell: str) -> None:
        nonlocal member_no
        n = sizes_forced.get(cell) or rng.randint(5, 15)
        for _ in range(n):
            member_no += 1
            female = rng.chance(0.46)
            sur = rng.weighted([s for s, _ in SURNAMES], [w for _, w in SURNAMES])
            if female:
                name = f"{sur} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
            else:
                name = f"{sur} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
            d.add(f"dv-{member_no:06d}", name, "dang-vien", cell, "nữ" if female else "nam")

    for slug, agency, units in DANG_BO:
        db = f"db-{slug}"
        d.add(db, f"Đảng bộ {agency}", "dang-bo-co-so", ROOT_ID)
        codes = [u for u, _ in units]
        assert len(set(codes)) == len(codes), slug
        must = [i for i, (u, _) in enumerate(units) if f"cb-{slug}-{u}" in PLANTED_CELLS]
        if db == TBN_NM_SHARE:
            n = 4
        else:
            n = rng.randint(3, min(8, len(units)))
        chosen = {0} | set(must)
        rest = [i for i in range(len(units)) if i not in chosen]
        chosen |= set(rng.sample(rest, max(0, n - len(chosen))))
        for i in sorted(chosen):
            u, uname = units[i]
            cell = f"cb-{slug}-{u}"
            d.add(cell, f"Chi bộ {uname}", "chi-bo-truc-thuoc", db)
            add_members(cell)
    for slug, agency in CHI_BO_CO_SO:
        cb = f"cbcs-{slug}"
        d.add(cb, f"Chi bộ {agency}", "chi-bo-co-so", ROOT_ID)
        add_members(cb)
    for c in PLANTED_CELLS | {TBN_NM_KHTNV, TBN_NM_SHARE}:
        assert c in d.name, f"planted subject {c} missing"


# --------------------------------------------------------------------------------------
# Ratings, bottom-up consistent (HD 21): an organization rated HTXSNV has no subordinate
# KHTNV and at least 80 % subordinates HTTNV or better — except the planted near misses.
# --------------------------------------------------------------------------------------

def assign_tccsd_ratings(rng: Rng, d: Data) -> None:
    units = d.tccsd()
    quality = {s: rng.gauss() for s in units}
    forced = {(TBN_NM_SHARE, 2021): X, (TBN_NM_KHTNV, 2021): X,
              (d.parent[T5_UNKNOWN], 2019): T,                   # no HTXSNV parent over the gap
              (d.parent[CELL_DISCIPLINED[0]], CELL_DISCIPLINED[1]): T}
    for y in YEARS:
        nx, nn = TCCSD_QUOTAS[y]
        score = {s: quality[s] + 0.55 * rng.gauss() for s in units}
        fixed = {s: lv for (s, yy), lv in forced.items() if yy == y}
        free = sorted((s for s in units if s not in fixed), key=lambda s: (-score[s], s))
        nx -= sum(1 for lv in fixed.values() if lv == X)
        nn -= sum(1 for lv in fixed.values() if lv == N)
        for s, lv in fixed.items():
            d.rating[s][y] = lv
        for i, s in enumerate(free):
            d.rating[s][y] = X if i < nx else (N if i >= len(free) - nn else T)
    for y in YEARS:
        d.rating[ROOT_ID][y] = BLOC_RATING[y]


def assign_cell_ratings(rng: Rng, d: Data) -> None:
    cells = d.of_kind("chi-bo-truc-thuoc")
    quality = {c: rng.gauss() for c in cells}
    forced: dict[tuple[str, int], int | None] = {}
    for c in T5_ELIGIBLE + [T5_SINCE]:
        for y in YEARS:
            forced[(c, y)] = X
    for y in YEARS:
        forced[(T5_NEAR_MISS, y)] = T if y == 2017 else X
        forced[(T5_UNKNOWN, y)] = None if y == 2019 else X
    dc, dy = CELL_DISCIPLINED
    for y, lv in zip(YEARS, [T, K, X, X, X]):
        forced[(dc, y)] = lv
    assert dy == 2018
    share_cells = d.children[TBN_NM_SHARE]
    for c, lv in zip(share_cells, [X, T, T, N]):
        forced[(c, 2021)] = lv

    effect = {X: 0.6, T: 0.0, N: -0.6, K: -1.0}
    for db in d.of_kind("dang-bo-co-so"):
        kids = d.children[db]
        for y in YEARS:
            R = d.rating[db][y]
            score = {}
            for c in kids:
                if (c, y) in forced:
                    d.rating[c][y] = forced[(c, y)]
                    continue
                s = quality[c] + 0.8 * rng.gauss() + effect[R]
                score[c] = s
                if s > 0.8:
                    lv = X
                elif s < -2.6 and R != X:
                    lv = K
                elif s < -1.5:
                    lv = N
                else:
                    lv = T
                d.rating[c][y] = lv
            if R == X and not (db == TBN_NM_SHARE and y == 2021):
                for c in score:
                    if d.rating[c][y] == K:
                        d.rating[c][y] = N
                bad = [c for c in kids if d.rating[c][y] in (N, K)]
                while 5 * len(bad) > len(kids):
                    free_bad = sorted((c for c in bad if c in score), key=lambda c: (-score[c], c))
                    assert free_bad, (db, y)
                    d.rating[free_bad[0]][y] = T
                    bad.remove(free_bad[0])

    # Only the planted cells may be HTXSNV five years running.
    for c in cells:
        if c in PLANTED_CELLS:
            continue
        if all(d.rating[c][y] == X for y in YEARS):
            d.rating[c][YEARS[rng.randint(0, 3)]] = T
    d.disciplined[dc][dy] = True


def assign_member_ratings(rng: Rng, d: Data) -> None:
    members = d.of_kind("dang-vien")
    quality = {m: rng.gauss() for m in members}
    cells = d.of_kind("chi-bo-truc-thuoc", "chi-bo-co-so")
    p_htnv = {X: 0.045, T: 0.08, N: 0.24, K: 0.30}
    year_factor = {2017: 1.06, 2018: 1.02, 2019: 1.0, 2020: 0.98, 2021: 0.94}   # slowly improving
    p_khtnv = {X: 0.0, T: 0.035, N: 0.18, K: 0.6}
    for y in YEARS:
        for c in cells:
            ms = d.children[c]
            n = len(ms)
            r = d.rating[c][y]
            if r is None:            # the record is missing, the cell was in fact excellent
                r = X
            score = {m: quality[m] + 0.7 * rng.gauss() for m in ms}
            order = sorted(ms, key=lambda m: (-score[m], m))
            k_k = (1 if rng.chance(p_khtnv[r]) else 0) + (1 if r == K and rng.chance(0.3) else 0)
            k_h = rng.binomial(n, p_htnv[r] * year_factor[y])
            if r == X:
                k_k = 0
                k_h = min(k_h, n // 5)
            k_h = min(k_h, n - k_k - 1)
            good = n - k_h - k_k
            cap = good // 5                       # HTXSNV <= 20 % of HTTNV or better
            if r == X:
                k_x = cap if rng.chance(0.75) else max(cap - 1, 0)
            elif r == T:
                k_x = cap if rng.chance(0.45) else rng.randint(0, cap)
            else:
                k_x = 0
            if c == TBN_NM_KHTNV and y == 2021:
                assert n == 12
                k_k, k_h, k_x = 1, 0, 2
            for i, m in enumerate(order):
                if i < k_x:
                    lv = X
                elif i >= n - k_k:
                    lv = K
                elif i >= n - k_k - k_h:
                    lv = N
                else:
                    lv = T
                d.rating[m][y] = lv
            for m in order[n - k_k:]:
                forced = c == TBN_NM_KHTNV and y == 2021
                d.disciplined[m][y] = forced or rng.chance(0.5)


def assign_admissions(rng: Rng, d: Data) -> None:
    units = d.tccsd()
    weight = [len(d.descendants(s, "dang-vien")) + 4 for s in units]
    for s in units:
        d.admitted[s] = {}
    for y in YEARS:
        counts = {s: 0 for s in units}
        for _ in range(ADMITTED_TOTAL[y]):
            counts[rng.weighted(units, weight)] += 1
        for s in units:
            d.admitted[s][y] = counts[s]
        d.target[y] = ADMISSION_TARGET[y]


# --------------------------------------------------------------------------------------
# The rules of khoi-co-quan-tinh.toml, re-implemented for this data (SPEC §4, §5)
# --------------------------------------------------------------------------------------

TBN_ID = "tieu-bieu-nam"
T5_ID = "tieu-bieu-5-nam"
TBN_CRITERIA = [
    ("Xếp loại HTXSNV trong năm", "rating == HTXSNV", True),
    ("Không có tổ chức đảng, đảng viên trực thuộc xếp loại KHTNV", "none(children(), rating == KHTNV)", False),
    ("Ít nhất 80% tổ chức đảng, đảng viên trực thuộc HTTNV trở lên", "share(children(), rating >= HTTNV) >= 0.8", False),
    ("Không bị thi hành kỷ luật trong năm", "not disciplined", False),
]
TBN_RANK = ["share(descendants('dang-vien'), rating == HTXSNV) desc", "admitted desc"]
TBN_LIMIT = 20
T5_CRITERIA = [
    ("Xếp loại HTXSNV trong năm", "rating == HTXSNV", True),
    ("HTXSNV 5 năm liền, không tính lại những năm đã được khen",
     "streak(rating == HTXSNV, since = 'tieu-bieu-5-nam') >= 5", False),
    ("Không bị thi hành kỷ luật trong 5 năm", "never(disciplined, last = 5)", False),
]
T5_RANK = ["share(children(), rating == HTXSNV) desc", "share(children(), rating >= HTTNV) desc"]
T5_LIMIT = 3
CHECK_ID = "tran-20-phan-tram"
CHECK_TEST = ("count(descendants('dang-vien'), rating == HTXSNV) <= "
              "0.2 * count(descendants('dang-vien'), rating >= HTTNV)")

# A three-valued bool is True, False or None (unknown); a number is a (lo, hi) range.


def cmp_ge(lo, hi, bound):
    if lo >= bound:
        return True
    if hi < bound:
        return False
    return None


def count_range(d, subjects, y, pred):
    """count(S, c) over ratings, c given as a predicate on a known level."""
    lo = hi = 0
    for s in subjects:
        r = d.rating[s][y]
        if r is None:
            hi += 1
        elif pred(r):
            lo += 1
            hi += 1
    return lo, hi


def share_range(d, subjects, y, pred):
    n = len(subjects)
    if n == 0:
        return None
    lo, hi = count_range(d, subjects, y, pred)
    return Fraction(lo, n), Fraction(hi, n)


def is_x(r):
    return r == X


def good(r):
    return r <= T


def eval_tbn(d, s, y):
    r = d.rating[s][y]
    kids = d.children[s]
    gate = None if r is None else r == X
    lv = [d.rating[c][y] for c in kids]
    if any(v == K for v in lv):
        no_khtnv = False
    elif any(v is None for v in lv):
        no_khtnv = None
    else:
        no_khtnv = True
    sh = share_range(d, kids, y, good)
    share_ok = None if sh is None else cmp_ge(sh[0], sh[1], Fraction(4, 5))
    not_disc = not d.disciplined[s][y]
    return [gate, no_khtnv, share_ok, not_disc]


def tbn_keys(d, s, y):
    sh = share_range(d, d.descendants(s, "dang-vien"), y, is_x)
    assert sh is not None and sh[0] == sh[1]
    return (sh[0], d.admitted[s][y])


def last_award_before(d, s, award, y):
    years = [yy for (ss, yy, aa, _) in d.awards if ss == s and aa == award and yy < y]
    return max(years) if years else None


def streak_range(d, s, y, pred, since_award=None):
    first = YEARS[0]                      # every subject exists from its first row, 2017
    if since_award is not None:
        last = last_award_before(d, s, since_award, y)
        if last is not None:
            first = max(first, last + 1)
    lo = hi = 0
    lo_open = hi_open = True
    for yy in range(y, first - 1, -1):
        r = d.rating[s][yy]
        v = None if r is None else pred(r)
        if lo_open:
            if v is True:
                lo += 1
            else:
                lo_open = False
        if hi_open:
            if v is True or v is None:
                hi += 1
            else:
                hi_open = False
    return lo, hi


def eval_t5(d, s, y):
    r = d.rating[s][y]
    gate = None if r is None else r == X
    lo, hi = streak_range(d, s, y, is_x, since_award=T5_ID)
    streak_ok = cmp_ge(lo, hi, 5)
    window = [yy for yy in range(y - 4, y + 1) if yy in YEARS]
    never_disc = not any(d.disciplined[s][yy] for yy in window)
    return [gate, streak_ok, never_disc]


def t5_keys(d, s, y):
    kids = d.children[s]
    a = share_range(d, kids, y, is_x)
    b = share_range(d, kids, y, good)
    assert a[0] == a[1] and b[0] == b[1]
    return (a[0], b[0])


def select(d, award_id, y):
    """Applicable, eligible, selected (in order), ties, over limit, unknown, near misses."""
    if award_id == TBN_ID:
        applicable, ev, keys, limit, crits = d.tccsd(), eval_tbn, tbn_keys, TBN_LIMIT, TBN_CRITERIA
    else:
        applicable, ev, keys, limit, crits = (d.of_kind("chi-bo-truc-thuoc"), eval_t5, t5_keys,
                                              T5_LIMIT, T5_CRITERIA)
    eligible, unknown, near = [], [], []
    results = {}
    for s in applicable:
        res = ev(d, s, y)
        results[s] = res
        fails = [i for i, v in enumerate(res) if v is False]
        unk = [i for i, v in enumerate(res) if v is None]
        if not fails and not unk:
            eligible.append(s)
        elif not fails:
            unknown.append((s, [crits[i][0] for i in unk]))
        elif len(fails) == 1 and not unk and not crits[fails[0]][2]:
            near.append((s, [crits[fails[0]][0]]))
    kv = {s: keys(d, s, y) for s in eligible}
    ranked = sorted(eligible, key=lambda s: (tuple(-k for k in kv[s]), s))
    # Take candidates in rank order while places remain; a group of equal candidates that
    # straddles the last place is a tie (none selected), and everything after it is over.
    selected, ties, over = [], [], []
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and kv[ranked[j]] == kv[ranked[i]]:
            j += 1
        group = ranked[i:j]
        places = limit - len(selected)
        if len(group) <= places:
            selected += group
        elif places > 0:
            ties.append((places, sorted(group)))
            over += ranked[j:]
            break
        else:
            over += group
        i = j
    return {
        "applicable": applicable, "results": results, "eligible": eligible, "keys": kv,
        "selected": selected, "ties": ties, "over": sorted(over),
        "unknown": sorted(unknown), "near": sorted(near),
    }


def check_violations(d, y):
    viol, unk = [], []
    for s in d.tccsd():
        ms = d.descendants(s, "dang-vien")
        xlo, xhi = count_range(d, ms, y, is_x)
        glo, ghi = count_range(d, ms, y, good)
        # x <= 0.2 * g  ⇔  5x <= g ; true when it holds for every value in the ranges
        if 5 * xhi <= glo:
            continue
        if 5 * xlo > ghi:
            viol.append(s)
        else:
            unk.append(s)
    return viol, unk


def targets(d, y):
    out = []
    actual = sum(d.admitted[s][y] for s in d.tccsd())
    goal = d.target[y]
    out.append(("ket-nap", Fraction(actual), Fraction(goal), actual >= goal))
    ms = d.descendants(ROOT_ID, "dang-vien")
    lo, hi = share_range(d, ms, y, good)
    assert lo == hi
    out.append(("dang-vien-httnv", lo, Fraction(9, 10), lo > Fraction(9, 10)))
    units = d.tccsd()
    lo2, hi2 = count_range(d, units, y, good)
    assert lo2 == hi2
    sh = Fraction(lo2, len(units))
    out.append(("tccsd-httnv", sh, Fraction(19, 20), sh > Fraction(19, 20)))
    return out


# --------------------------------------------------------------------------------------
# Planting: no tie across a cut, the recorded awards of 2017–2020
# --------------------------------------------------------------------------------------

def straddles(sel) -> bool:
    return bool(sel["ties"])


def separate_t5_cut(d, y) -> None:
    """If tied candidates straddle the cut of tieu-bieu-5-nam, make one member of the lower
    cell HTTNV instead of HTXSNV (always allowed: it loosens the 20 % cap)."""
    for _ in range(20):
        sel = select(d, T5_ID, y)
        if not straddles(sel):
            return
        _, group = sel["ties"][0]
        victim = group[-1]
        xs = [m for m in d.children[victim] if d.rating[m][y] == X]
        assert xs, "cannot separate the tie"
        d.rating[xs[-1]][y] = T
    raise AssertionError("tieu-bieu-5-nam: tie not separated")


def separate_tbn_cut(d, y) -> None:
    """If tied candidates straddle the cut of tieu-bieu-nam, move one admission from a
    non-eligible organization to one of the tied ones (admissions only rank)."""
    for _ in range(50):
        sel = select(d, TBN_ID, y)
        if not straddles(sel):
            return
        _, group = sel["ties"][0]
        gainer = group[0]
        donors = sorted((s for s in d.tccsd() if s not in sel["eligible"] and d.admitted[s][y] > 0),
                        key=lambda s: (-d.admitted[s][y], s))
        d.admitted[gainer][y] += 1
        d.admitted[donors[0]][y] -= 1
    raise AssertionError("tieu-bieu-nam: tie not separated")


def record_past_awards(d) -> None:
    for y in YEARS:
        if y == EVAL_YEAR:
            continue
        sel = select(d, TBN_ID, y)
        for s in sorted(sel["selected"]):
            d.awards.append((s, y, TBN_ID, TBN_DECISIONS[y]))
    d.awards.sort(key=lambda a: (a[1], a[2], a[0]))


def generate() -> Data:
    rng = Rng(SEED)
    d = Data()
    build_structure(rng, d)
    assign_tccsd_ratings(rng, d)
    assign_cell_ratings(rng, d)
    assign_member_ratings(rng, d)
    assign_admissions(rng, d)
    d.awards.append((T5_SINCE, 2020, T5_ID, T5_AWARD_2020_DECISION))   # read by `since`
    separate_t5_cut(d, EVAL_YEAR)
    for y in YEARS:
        separate_tbn_cut(d, y)
    record_past_awards(d)
    validate(d)
    return d


# --------------------------------------------------------------------------------------
# Invariants the data must keep
# --------------------------------------------------------------------------------------

def validate(d: Data) -> None:
    exceptions = {(TBN_NM_KHTNV, 2021), (TBN_NM_SHARE, 2021)}
    for s in d.of_kind("dang-bo-co-so", "chi-bo-co-so", "chi-bo-truc-thuoc"):
        for y in YEARS:
            if d.rating[s][y] != X or (s, y) in exceptions:
                continue
            lv = [d.rating[c][y] for c in d.children[s]]
            assert K not in lv, (s, y)
            assert 5 * sum(1 for v in lv if v is not None and v >= N) <= len(lv), (s, y)
    for y in YEARS:
        viol, unk = check_violations(d, y)
        assert not viol and not unk, (y, viol, unk)
        units = d.tccsd()
        assert sum(d.admitted[s][y] for s in units) == ADMITTED_TOTAL[y]
        assert all(d.rating[s][y] != K for s in units)
        assert sum(1 for s in units if d.rating[s][y] == X) == TCCSD_QUOTAS[y][0]
        for m in d.of_kind("dang-vien"):
            if d.disciplined[m][y]:
                assert d.rating[m][y] == K
        for s in d.order:
            if s != T5_UNKNOWN or y != 2019:
                assert d.rating[s][y] is not None, (s, y)
    # the planted outcome for 2021
    tbn = select(d, TBN_ID, EVAL_YEAR)
    assert len(tbn["eligible"]) > TBN_LIMIT and len(tbn["selected"]) == TBN_LIMIT and not tbn["ties"]
    assert {s for s, _ in tbn["near"]} == {TBN_NM_KHTNV, TBN_NM_SHARE}, tbn["near"]
    assert not tbn["unknown"]
    t5 = select(d, T5_ID, EVAL_YEAR)
    assert sorted(t5["eligible"]) == sorted(T5_ELIGIBLE) and len(t5["selected"]) == 3 and not t5["ties"]
    assert [s for s, _ in t5["unknown"]] == [T5_UNKNOWN]
    near = {s for s, _ in t5["near"]}
    assert T5_SINCE in near and T5_NEAR_MISS in near and CELL_DISCIPLINED[0] not in near
    for y in YEARS[:-1]:
        sel = select(d, TBN_ID, y)
        assert not sel["ties"] and not sel["unknown"], y
        assert not select(d, T5_ID, y)["eligible"], y
    tg = {t[0]: t for t in targets(d, EVAL_YEAR)}
    assert tg["ket-nap"][1] == 243 and tg["ket-nap"][2] == 240
    assert tg["dang-vien-httnv"][3] and not tg["tccsd-httnv"][3]


# --------------------------------------------------------------------------------------
# Cross-check against the rule file
# --------------------------------------------------------------------------------------

def check_rule_file() -> str:
    try:
        import tomllib
    except ImportError:
        return "rule file not cross-checked (tomllib needs Python 3.11+)"
    with open(RULES, "rb") as f:
        rules = tomllib.load(f)
    awards = {a["id"]: a for a in rules["award"]}

    def crits(a):
        out = []
        for c in a["criteria"]:
            if isinstance(c, str):
                out.append((None, c, False))
            else:
                out.append((c.get("label"), c["test"], c.get("gate", False)))
        return out

    assert crits(awards[TBN_ID]) == TBN_CRITERIA, "tieu-bieu-nam criteria differ from the generator"
    assert awards[TBN_ID]["rank"] == TBN_RANK and awards[TBN_ID]["limit"] == TBN_LIMIT
    assert crits(awards[T5_ID]) == T5_CRITERIA, "tieu-bieu-5-nam criteria differ from the generator"
    assert awards[T5_ID]["rank"] == T5_RANK and awards[T5_ID]["limit"] == T5_LIMIT
    assert rules["check"][0]["id"] == CHECK_ID and rules["check"][0]["test"] == CHECK_TEST
    assert [t["id"] for t in rules["target"]] == ["ket-nap", "dang-vien-httnv", "tccsd-httnv"]
    assert rules["scales"]["rating"] == LEVELS and rules["aliases"] == {"TSVM": "HTXSNV"}
    return "rule file cross-checked: criteria, rank keys, limits, check and targets match"


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def level_text(d, s, y) -> str:
    r = d.rating[s][y]
    if r is None:
        return ""
    if r == X and y == 2017 and d.kind[s] != "dang-vien":
        return "TSVM"                 # the 2017 name of the top level for organizations
    return LEVELS[r]


def write_csvs(d: Data) -> dict[str, str]:
    files = {}
    files["subjects.csv"] = csv_text(
        ["id", "name", "kind", "parent", "from", "until", "gender"],
        ([s, d.name[s], d.kind[s], d.parent[s] or "", "", "", d.gender[s]] for s in d.order))
    rows = []
    units = set(d.tccsd())
    for s in d.order:
        for y in YEARS:
            rows.append([s, y, level_text(d, s, y), "true" if d.disciplined[s][y] else "false",
                         d.admitted[s][y] if s in units else "",
                         d.target[y] if s == ROOT_ID else ""])
    files["evaluations.csv"] = csv_text(
        ["subject", "year", "rating", "disciplined", "admitted", "admission_target"], rows)
    files["awards.csv"] = csv_text(["subject", "year", "award", "decision"],
                                   ([s, y, a, dec] for s, y, a, dec in d.awards))
    return files


def fmt_frac(f: Fraction) -> str:
    if f.denominator == 1:
        return str(f.numerator)
    return f"{f.numerator}/{f.denominator} ≈ {float(f):.6f}"


def num(f: Fraction):
    return f.numerator if f.denominator == 1 else float(f)


def expected_json(d: Data, y: int) -> dict:
    out = {"year": y, "rulesets": ["khoi-co-quan-tinh"], "awards": [], "checks": [], "targets": []}
    titles = {TBN_ID: "Giấy khen: Tổ chức cơ sở đảng HTXSNV tiêu biểu năm",
              T5_ID: "Giấy khen: Chi bộ HTXSNV tiêu biểu 5 năm liền (2017–2021)"}
    for aid in (TBN_ID, T5_ID):
        sel = select(d, aid, y)
        out["awards"].append({
            "id": aid, "title": titles[aid], "issuer": "Ban Thường vụ Đảng ủy Khối",
            "selected": [{"subject": s, "name": d.name[s], "rank": i + 1, "group": None}
                         for i, s in enumerate(sel["selected"])],
            "ties": [{"group": None, "places": p, "subjects": [{"subject": s} for s in g]}
                     for p, g in sel["ties"]],
            "over_limit": [{"subject": s, "group": None} for s in sel["over"]],
            "unknown": [{"subject": s, "unknown": c} for s, c in sel["unknown"]],
            "near_misses": [{"subject": s, "failed": c} for s, c in sel["near"]],
        })
    viol, unk = check_violations(d, y)
    out["checks"].append({"id": CHECK_ID, "severity": "error",
                          "violations": [{"subject": s, "year": y} for s in viol],
                          "unknown": [{"subject": s, "year": y} for s in unk]})
    for tid, actual, goal, met in targets(d, y):
        out["targets"].append({"id": tid, "subject": ROOT_ID, "actual": num(actual),
                               "goal": num(goal), "ratio": num(actual / goal), "met": met})
    return out


def stats(d: Data):
    kinds = {}
    for s in d.order:
        kinds[d.kind[s]] = kinds.get(d.kind[s], 0) + 1
    return kinds


def level_counts(d, subjects, y):
    c = [0, 0, 0, 0, 0]
    for s in subjects:
        r = d.rating[s][y]
        c[4 if r is None else r] += 1
    return c


def equal_keys_note(sel) -> list[str]:
    """Selected candidates equal on every rank key (all fit in the places, so all are
    selected; SPEC orders them by id)."""
    groups = {}
    for s in sel["selected"]:
        groups.setdefault(sel["keys"][s], []).append(s)
    out = []
    for g in groups.values():
        if len(g) > 1:
            ranks = [sel["selected"].index(s) + 1 for s in g]
            out.append("Equal on every rank key, all within the places, so all selected and "
                       "ordered by id: " + ", ".join(f"`{s}` (rank {r})" for s, r in zip(g, ranks)) + ".")
    if out:
        out.append("")
    return out


def expected_text(d: Data, y: int) -> str:
    """The expected outcome as Markdown (for README.md and the console)."""
    L = []
    tbn = select(d, TBN_ID, y)
    t5 = select(d, T5_ID, y)
    L.append(f"### `tieu-bieu-nam` — {len(tbn['applicable'])} applicable, "
             f"{len(tbn['eligible'])} eligible, {len(tbn['selected'])} selected\n")
    L.append("| rank | subject | name | HTXSNV members / members | admitted 2021 |")
    L.append("| ---: | --- | --- | --- | ---: |")
    for i, s in enumerate(tbn["selected"]):
        ms = d.descendants(s, "dang-vien")
        nx = sum(1 for m in ms if d.rating[m][y] == X)
        L.append(f"| {i + 1} | `{s}` | {d.name[s]} | {nx}/{len(ms)} = {float(Fraction(nx, len(ms))):.4f} "
                 f"| {d.admitted[s][y]} |")
    L.append("")
    L += equal_keys_note(tbn)
    L.append("`over_limit` (eligible, not selected; sorted by id): " + ", ".join(
        f"`{s}` ({sum(1 for m in d.descendants(s, 'dang-vien') if d.rating[m][y] == X)}/"
        f"{len(d.descendants(s, 'dang-vien'))}, admitted {d.admitted[s][y]})" for s in tbn["over"]) + ".")
    nxt = sorted(tbn["over"], key=lambda s: (tuple(-k for k in tbn['keys'][s]), s))[0]
    L.append(f"The first candidate below the cut is `{nxt}`: rank 20 and rank 21 differ on the first key.")
    L.append("")
    L.append("`ties`: none. `unknown`: none.")
    L.append("")
    L.append("`near_misses`:")
    L.append("")
    for s, c in tbn["near"]:
        L.append(f"- `{s}` ({d.name[s]}) — failed: “{c[0]}”")
    L.append("")
    L.append(f"### `tieu-bieu-5-nam` — {len(t5['applicable'])} applicable, "
             f"{len(t5['eligible'])} eligible, {len(t5['selected'])} selected\n")
    L.append("| rank | subject | name | HTXSNV members | HTTNV or better |")
    L.append("| ---: | --- | --- | --- | --- |")
    for i, s in enumerate(t5["selected"]):
        ms = d.children[s]
        nx = sum(1 for m in ms if d.rating[m][y] == X)
        ng = sum(1 for m in ms if d.rating[m][y] <= T)
        L.append(f"| {i + 1} | `{s}` | {d.name[s]} | {nx}/{len(ms)} ≈ {nx / len(ms):.4f} "
                 f"| {ng}/{len(ms)} ≈ {ng / len(ms):.4f} |")
    L.append("")
    L += equal_keys_note(t5)
    for s in t5["over"]:
        ms = d.children[s]
        nx = sum(1 for m in ms if d.rating[m][y] == X)
        ng = sum(1 for m in ms if d.rating[m][y] <= T)
        L.append(f"`over_limit`: `{s}` ({d.name[s]}; HTXSNV members {nx}/{len(ms)}, "
                 f"HTTNV or better {ng}/{len(ms)}).")
    L.append("")
    L.append("`ties`: none.")
    L.append("")
    L.append("`unknown`:")
    L.append("")
    for s, c in t5["unknown"]:
        lo, hi = streak_range(d, s, y, is_x, T5_ID)
        L.append(f"- `{s}` ({d.name[s]}) — unknown: “{c[0]}” (streak is the range {lo}..{hi})")
    L.append("")
    L.append(f"`near_misses` ({len(t5['near'])}; every one fails only “{T5_CRITERIA[1][0]}”):")
    L.append("")
    for s, c in t5["near"]:
        assert c == [T5_CRITERIA[1][0]]
        lo, hi = streak_range(d, s, y, is_x, T5_ID)
        note = ""
        if s == T5_SINCE:
            note = " — HTXSNV 2017–2021, but received `tieu-bieu-5-nam` for 2020, so only 2021 counts"
        elif s == T5_NEAR_MISS:
            note = " — HTTNV in 2017, HTXSNV 2018–2021"
        L.append(f"- `{s}` (streak {lo}){note}")
    L.append("")
    viol, unk = check_violations(d, y)
    L.append(f"### Check `{CHECK_ID}` (error)\n")
    L.append(f"Violations: {', '.join(viol) if viol else 'none'}. Unknown: {', '.join(unk) if unk else 'none'}."
             " `evaluate` exits 0.")
    L.append("")
    L.append("### Targets (subject `khoi`)\n")
    L.append("| target | actual | goal | ratio | met |")
    L.append("| --- | --- | --- | --- | --- |")
    for tid, actual, goal, met in targets(d, y):
        L.append(f"| `{tid}` | {fmt_frac(actual)} | {fmt_frac(goal)} | {fmt_frac(actual / goal)} | "
                 f"{'true' if met else 'false'} |")
    return "\n".join(L)


def audit_text(d: Data) -> str:
    """Expected findings of `commend audit` over 2017–2021 (default years)."""
    findings = []
    recorded = {}
    for s, y, a, _ in d.awards:
        recorded.setdefault((y, a), set()).add(s)
    for y in YEARS:
        for aid in (TBN_ID, T5_ID):
            sel = select(d, aid, y)
            rec = recorded.get((y, aid), set())
            for s in sorted(rec):
                if s not in sel["applicable"]:
                    findings.append((y, "granted-not-eligible", s, aid))
                    continue
                res = sel["results"][s]
                if False in res:
                    findings.append((y, "granted-not-eligible", s, aid))
                elif None in res:
                    findings.append((y, "granted-unknown", s, aid))
            for s in sel["selected"]:
                if s not in rec:
                    findings.append((y, "eligible-not-granted", s, aid))
            limit = TBN_LIMIT if aid == TBN_ID else T5_LIMIT
            if len(rec) > limit:
                findings.append((y, "over-limit", None, aid))
        viol, _ = check_violations(d, y)
        for s in viol:
            findings.append((y, "check-failed", s, CHECK_ID))
    findings.sort(key=lambda f: (f[0], f[1], f[2] or "", f[3]))
    L = []
    by = {}
    for f in findings:
        by.setdefault((f[0], f[1], f[3]), []).append(f[2])
    for (y, t, a), subs in by.items():
        L.append(f"- {y} `{t}` `{a}`: {', '.join('`' + s + '`' for s in subs)}")
    return "\n".join(L)


README_TEMPLATE = """# Mẫu dữ liệu: Đảng ủy Khối các cơ quan tỉnh, 2017–2021

*Sample data set: a provincial bloc party committee, rating years 2017–2021.*

Dữ liệu **hư cấu** (fictional), dựng theo bài báo về hội nghị tổng kết công tác xây dựng
Đảng năm 2021 của Đảng ủy Khối các cơ quan tỉnh (bài báo ĐTO ngày 18/01/2022, `shared/seed`):
kết nạp 243/240 đảng viên; giấy khen cho 20 TCCSĐ “HTXSNV tiêu biểu” năm 2021 và 3 chi
bộ trực thuộc “HTXSNV tiêu biểu 5 năm liền (2017–2021)”. Tên cơ quan là tên thường gặp
ở một tỉnh; tên người là ngẫu nhiên. It is read with the rule set
`rules/khoi-co-quan-tinh/khoi-co-quan-tinh.toml`.

```sh
commend evaluate --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh --year 2021
commend explain  --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh --year 2021 --subject {t5_unknown}
commend audit    --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh
```

Generated by `samples/tools/gen_khoi_co_quan_tinh.py` (Python 3 standard library, fixed
seed {seed}); do not edit the CSV files by hand — change the generator and run
`python3 samples/tools/gen_khoi_co_quan_tinh.py` (it rewrites the three CSV files and this
README, and prints the expected outcome; `--json` prints it in the shape of
`evaluate --format json`).

## Tổ chức / Structure

| kind | count | |
| --- | ---: | --- |
| `dang-uy-khoi` | {n_khoi} | `khoi` — {root_name} |
| `dang-bo-co-so` | {n_db} | đảng bộ cơ sở (`db-…`), each with 3–8 chi bộ trực thuộc |
| `chi-bo-truc-thuoc` | {n_cbtt} | chi bộ trực thuộc đảng ủy cơ sở (`cb-<agency>-<unit>`) |
| `chi-bo-co-so` | {n_cbcs} | chi bộ cơ sở (`cbcs-…`) |
| `dang-vien` | {n_dv} | đảng viên (`dv-000001`…), 5–15 per chi bộ, only under chi bộ |
| **total** | {n_all} | |

TCCSĐ (tổ chức cơ sở đảng) = đảng bộ cơ sở + chi bộ cơ sở = {n_tccsd}.

## Files

- `subjects.csv` — `id,name,kind,parent,from,until,gender` ({rows_subjects} rows). `from`
  and `until` are empty: every subject exists from its first evaluation row (2017) on.
  `gender` (`nam`/`nữ`) is a static attribute of the members, empty for organizations.
- `evaluations.csv` — `subject,year,rating,disciplined,admitted,admission_target`
  ({rows_eval} rows: every subject, every year 2017–2021).
  - `rating`: `HTXSNV`, `HTTNV`, `HTNV`, `KHTNV`. In 2017 (HD 27-HD/BTCTW) an
    organization's top level is written with its old name `TSVM` (“trong sạch, vững mạnh”),
    read as HTXSNV through `[aliases]`; members' 2017 ratings already use HTXSNV.
    One cell is deliberately empty (see below).
  - `disciplined`: `true`/`false` — bị thi hành kỷ luật trong năm. A disciplined member is
    rated KHTNV (HD 21).
  - `admitted`: admissions of the year, on the TCCSĐ rows only (empty elsewhere, read as 0).
    Totals 2017–2021: {admitted_totals}.
  - `admission_target`: on the bloc's row only: {targets_line}.
- `awards.csv` — `subject,year,award,decision` ({rows_awards} rows): the `tieu-bieu-nam`
  certificates of 2017–2020 (exactly the organizations the rule set selects in those
  years: {tbn_counts}), and one `tieu-bieu-5-nam` for 2020 (`{t5_since}`,
  `{t5_decision}`).

## Phân bố xếp loại / Level distribution

| year | TCCSĐ HTXSNV / HTTNV / HTNV / KHTNV | TCCSĐ HTTNV+ | members HTXSNV / HTTNV / HTNV / KHTNV | members HTTNV+ | admitted / target |
| --- | --- | --- | --- | --- | --- |
{dist_rows}

(DOMAIN.md §3, Hải Dương 2019: 23.8 % TCCSĐ HTXSNV, 91.2 % HTTNV or better; members
90.3 % HTTNV or better, 9.1 % HTNV, 0.6 % KHTNV.) The data is consistent with HD 21: an
organization rated HTXSNV has no subordinate (organization or member) rated KHTNV and at
least 80 % subordinates HTTNV or better, except the two planted near misses of 2021; in
every TCCSĐ and every year, members rated HTXSNV are at most 20 % of those rated HTTNV or
better.

## Các trường hợp cài sẵn / Planted cases (2021)

| subject | what | expected |
| --- | --- | --- |
{planted_rows}

## Kết quả mong đợi năm 2021 / Expected outcome for 2021

What `commend evaluate --year 2021` must report (SPEC §4–§6). Lists that SPEC sorts by id
are given sorted by id (code point); `selected` is in rank order. Numbers are exact
fractions; compare them to 12 significant digits.

{expected}

## Audit (for reference)

`commend audit` over the default years 2017–2021 should find only:

{audit}

The 2020 `tieu-bieu-5-nam` of `{t5_since}` rewarded 2016–2020; the data set starts in 2017,
so the rule set sees a streak of only 4 years in 2020 (2016 is not a year the subject exists
in the data). The 2021 findings are warnings: the 2021 certificates are not recorded yet.

## Đơn giản hóa / Simplifications

- Members and organizations are the same in all five years (no admissions, transfers,
  new or dissolved organizations); `admitted` is a count only.
- Government and mass organizations at each level, the civil-service rating of members and
  the 2023+ texts (QĐ 124, QĐ 366) are not modelled.
- The bloc's own rating (`khoi`) is given but no rule uses it.
"""


def readme_text(d: Data) -> str:
    k = stats(d)
    units = d.tccsd()
    members = d.of_kind("dang-vien")
    dist = []
    for y in YEARS:
        a = level_counts(d, units, y)
        b = level_counts(d, members, y)
        tot = sum(b)
        dist.append(
            f"| {y} | {a[0]} / {a[1]} / {a[2]} / {a[3]} | {a[0] + a[1]}/{len(units)} = "
            f"{100 * (a[0] + a[1]) / len(units):.1f} % | {b[0]} / {b[1]} / {b[2]} / {b[3]} | "
            f"{b[0] + b[1]}/{tot} = {100 * (b[0] + b[1]) / tot:.2f} % | "
            f"{sum(d.admitted[s][y] for s in units)} / {d.target[y]} |")
    nhd = [m for m in d.children[TBN_NM_KHTNV] if d.rating[m][2021] == K][0]
    share_kids = d.children[TBN_NM_SHARE]
    planted = [
        (f"`{TBN_NM_KHTNV}`", f"HTXSNV; member `{nhd}` rated KHTNV (disciplined) in 2021",
         "`tieu-bieu-nam` near miss: “" + TBN_CRITERIA[1][0] + "”"),
        (f"`{TBN_NM_SHARE}`",
         "HTXSNV; of its 4 chi bộ, " + ", ".join(f"`{c}` {LEVELS[d.rating[c][2021]]}" for c in share_kids)
         + " (75 % HTTNV or better)",
         "`tieu-bieu-nam` near miss: “" + TBN_CRITERIA[2][0] + "”"),
        (", ".join(f"`{c}`" for c in T5_ELIGIBLE), "HTXSNV 2017–2021 (2017 written TSVM), never disciplined",
         "`tieu-bieu-5-nam` eligible; 3 selected, 1 over the limit"),
        (f"`{T5_SINCE}`", "HTXSNV 2017–2021; received `tieu-bieu-5-nam` for 2020",
         "not eligible: with `since` only 2021 counts (streak 1); near miss"),
        (f"`{T5_NEAR_MISS}`", "HTTNV 2017, HTXSNV 2018–2021", "`tieu-bieu-5-nam` near miss (streak 4)"),
        (f"`{T5_UNKNOWN}`", "HTXSNV 2017, 2018, 2020, 2021; rating cell of 2019 empty",
         "`tieu-bieu-5-nam` unknown: streak is 2..5, so `>= 5` is unknown"),
        (f"`{CELL_DISCIPLINED[0]}`", "disciplined and KHTNV in 2018, HTXSNV 2019–2021",
         "`tieu-bieu-5-nam`: two criteria fail (streak 3, discipline) — neither eligible nor a near miss"),
    ]
    planted_rows = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in planted)
    tbn_counts = ", ".join(f"{y}: {sum(1 for a in d.awards if a[1] == y and a[2] == TBN_ID)}"
                           for y in YEARS[:-1])
    n_rows_eval = len(d.order) * len(YEARS)
    return README_TEMPLATE.format(
        seed=SEED, root_name=ROOT_NAME, t5_unknown=T5_UNKNOWN, t5_since=T5_SINCE,
        t5_decision=T5_AWARD_2020_DECISION,
        n_khoi=k.get("dang-uy-khoi", 0), n_db=k.get("dang-bo-co-so", 0),
        n_cbtt=k.get("chi-bo-truc-thuoc", 0), n_cbcs=k.get("chi-bo-co-so", 0),
        n_dv=k.get("dang-vien", 0), n_all=len(d.order), n_tccsd=len(units),
        rows_subjects=len(d.order), rows_eval=n_rows_eval, rows_awards=len(d.awards),
        admitted_totals=", ".join(f"{y}: {ADMITTED_TOTAL[y]}" for y in YEARS),
        targets_line=", ".join(f"{y}: {d.target[y]}" for y in YEARS),
        tbn_counts=tbn_counts, dist_rows="\n".join(dist), planted_rows=planted_rows,
        expected=expected_text(d, EVAL_YEAR), audit=audit_text(d))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="write nothing, print the expected outcome")
    ap.add_argument("--json", action="store_true", help="print the expected 2021 outcome as JSON")
    ap.add_argument("--out", default=OUT_DIR, help="output folder (default: %(default)s)")
    args = ap.parse_args()

    d = generate()
    note = check_rule_file()
    if args.json:
        print(json.dumps(expected_json(d, EVAL_YEAR), ensure_ascii=False, indent=2))
        return 0
    if not args.dry_run:
        os.makedirs(args.out, exist_ok=True)
        files = write_csvs(d)
        files["README.md"] = readme_text(d)
        for name, text in files.items():
            with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        for name in files:
            print(f"wrote {os.path.join(args.out, name)} ({os.path.getsize(os.path.join(args.out, name))} bytes)",
                  file=sys.stderr)
    print(note, file=sys.stderr)
    k = stats(d)
    print("subjects by kind: " + ", ".join(f"{kk} {v}" for kk, v in k.items()))
    print(f"Expected outcome for {EVAL_YEAR}\n")
    print(expected_text(d, EVAL_YEAR))
    print("\nAudit 2017–2021\n")
    print(audit_text(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
