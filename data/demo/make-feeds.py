#!/usr/bin/env python3
# make-feeds.py: writes the three demo feeds from the articles below.
#
# Copyright 2026 The Bantin authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every article here was written for Bantin's demo and is fiction: the
# province of Thanh Lâm, its towns and its people do not exist. The feeds
# are committed; run this script again only after editing the articles:
#
#   python3 data/demo/make-feeds.py
#
# Dates are placeholders that the demo server fills in when it serves a
# file, counted in days before today in Asia/Ho_Chi_Minh, so the demo
# always looks fresh: {{DATE-3 08:15}} becomes an RFC 822 date and
# {{ISO-3 08:15}} an RFC 3339 one. {{BASE}} becomes the server's address.

import json
import os
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))


def fig(image, caption):
    return ('<figure><img src="{{BASE}}/images/%s" alt="%s" width="480" height="270">'
            '<figcaption>Ảnh: %s</figcaption></figure>' % (image, caption, caption))


# (slug, days ago, time, author, title, summary, HTML body)
THOI_SU = [
    ('hop-ubnd-thang', 0, '07:30', 'Minh Châu',
     'Ủy ban nhân dân tỉnh họp phiên thường kỳ, bàn giải pháp giải ngân vốn đầu tư công',
     'Phiên họp tập trung vào tiến độ giải ngân, công tác giải phóng mặt bằng và chuẩn bị cho mùa mưa bão.',
     '<p>Sáng nay, Ủy ban nhân dân tỉnh Thanh Lâm tổ chức phiên họp thường kỳ tháng, '
     'do đồng chí Chủ tịch Ủy ban nhân dân tỉnh chủ trì.</p>'
     '<h2>Giải ngân vốn đầu tư công còn chậm</h2>'
     '<p>Theo báo cáo của Sở Kế hoạch và Đầu tư, đến nay toàn tỉnh mới giải ngân được khoảng 58% kế hoạch vốn năm. '
     'Ba nguyên nhân chính được nêu ra:</p>'
     '<ul><li>vướng mắc trong giải phóng mặt bằng ở một số dự án giao thông;</li>'
     '<li>giá vật liệu xây dựng biến động;</li>'
     '<li>năng lực của một số nhà thầu còn hạn chế.</li></ul>'
     '<blockquote><p>Đơn vị nào chậm giải ngân mà không có lý do chính đáng thì người đứng đầu phải chịu trách nhiệm.</p></blockquote>'
     '<p>Kết luận phiên họp, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành và các huyện '
     'lập kế hoạch giải ngân chi tiết theo từng tuần.</p>'),
    ('hoi-nghi-ban-chap-hanh-dang-bo', 1, '16:45', 'Thanh Hà',
     'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười hai',
     'Hội nghị đánh giá kết quả thực hiện nghị quyết về phát triển kinh tế - xã hội và công tác xây dựng Đảng.',
     '<p>Ngày hôm qua, Ban Chấp hành Đảng bộ tỉnh Thanh Lâm khóa mới tổ chức Hội nghị lần thứ mười hai '
     'để đánh giá kết quả thực hiện nhiệm vụ chính trị của quý vừa qua.</p>'
     '<p>Hội nghị thống nhất cao về các chỉ tiêu chủ yếu: tăng trưởng kinh tế ước đạt 7,1%; '
     'thu ngân sách trên địa bàn vượt dự toán; tỷ lệ hộ nghèo tiếp tục giảm.</p>'
     '<p>Về công tác xây dựng Đảng, các đại biểu nhấn mạnh việc nâng cao chất lượng sinh hoạt chi bộ, '
     'kết nạp đảng viên mới ở khu vực nông thôn và vùng đồng bào dân tộc thiểu số.</p>'
     '<blockquote><p>Mỗi đảng viên phải là tấm gương trong thực hiện nhiệm vụ ở nơi cư trú.</p></blockquote>'),
    ('cau-song-thanh-hop-long', 2, '09:10', 'Quốc Việt',
     'Cầu sông Thanh chuẩn bị hợp long nhịp chính',
     'Sau gần hai năm thi công, cây cầu nối hai bờ sông Thanh đã hoàn thành 85% khối lượng.',
     '<p>Ban Quản lý dự án giao thông tỉnh cho biết nhịp chính của cầu sông Thanh sẽ được hợp long trong tháng tới, '
     'sớm hơn kế hoạch khoảng ba tuần.</p>'
     + fig('cau-moi.jpg', 'Cầu sông Thanh sắp hợp long') +
     '<p>Cầu dài 620 mét, rộng 16 mét với bốn làn xe. Khi đưa vào sử dụng, quãng đường từ thành phố Lâm Giang '
     'đến huyện Hà Phú rút ngắn được gần 20 km.</p>'
     '<p>Người dân hai bên bờ sông đã chủ động bàn giao mặt bằng, tạo điều kiện để nhà thầu thi công liên tục.</p>'),
    ('du-bao-mua-lon', 3, '05:30', 'Trung tâm Khí tượng Thủy văn tỉnh',
     'Cảnh báo mưa lớn ở các huyện vùng núi phía Tây',
     'Lượng mưa phổ biến 80–150 mm, có nơi trên 200 mm; nguy cơ lũ quét và sạt lở đất.',
     '<p>Do ảnh hưởng của rãnh áp thấp kết hợp với gió đông nam, từ đêm nay đến hết ngày kia, '
     'các huyện Mường Sơn, Đồng Tiến và Hà Phú có mưa vừa, mưa to, có nơi mưa rất to.</p>'
     + fig('mua-lon.jpg', 'Mưa lớn ở vùng núi phía Tây') +
     '<h2>Khuyến cáo</h2>'
     '<ol><li>Không đi qua ngầm tràn, suối sâu khi nước đang lên.</li>'
     '<li>Di dời người dân khỏi vùng có nguy cơ sạt lở.</li>'
     '<li>Theo dõi bản tin thời tiết thường xuyên.</li></ol>'),
    ('tiep-cong-dan', 4, '14:00', 'Minh Châu',
     'Bí thư Tỉnh ủy tiếp công dân định kỳ',
     'Nhiều kiến nghị về đất đai, bồi thường giải phóng mặt bằng đã được trả lời trực tiếp.',
     '<p>Tại buổi tiếp công dân định kỳ, Bí thư Tỉnh ủy đã lắng nghe ý kiến của 14 công dân, '
     'chủ yếu về đất đai và chính sách bồi thường.</p>'
     '<p>Đồng chí yêu cầu các cơ quan chức năng giải quyết dứt điểm các vụ việc kéo dài, '
     'trả lời bằng văn bản trong thời hạn luật định.</p>'),
    ('duong-tinh-lo-12', 6, '10:20', 'Quốc Việt',
     'Khởi công nâng cấp đường tỉnh 12 qua huyện Đồng Tiến',
     'Dự án có tổng vốn gần 300 tỷ đồng, dự kiến hoàn thành sau 24 tháng.',
     '<p>Tuyến đường dài 27 km được mở rộng lên 9 mét mặt đường, xây mới hệ thống thoát nước '
     'và lắp đặt đèn chiếu sáng qua các khu dân cư.</p>'
     '<p>Đây là tuyến đường quan trọng kết nối vùng trồng cây ăn quả với quốc lộ, '
     'giúp giảm chi phí vận chuyển nông sản.</p>'),
    ('hdnd-ky-hop-chuyen-de', 8, '08:00', 'Thanh Hà',
     'Hội đồng nhân dân tỉnh tổ chức kỳ họp chuyên đề',
     'Kỳ họp xem xét, thông qua năm nghị quyết quan trọng về đầu tư công và chính sách hỗ trợ.',
     '<p>Kỳ họp chuyên đề của Hội đồng nhân dân tỉnh diễn ra trong một ngày, '
     'với sự tham dự của 52 đại biểu.</p>'
     '<p>Các đại biểu đã thông qua nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn, '
     'nghị quyết hỗ trợ học phí cho học sinh vùng khó khăn và nghị quyết về đặt tên đường tại thành phố Lâm Giang.</p>'),
    ('cai-cach-hanh-chinh', 10, '15:15', 'Ngọc Anh',
     'Thanh Lâm đưa 90% thủ tục hành chính lên dịch vụ công trực tuyến',
     'Người dân có thể nộp hồ sơ, theo dõi tiến độ và nhận kết quả mà không phải đến trụ sở.',
     '<p>Trung tâm Phục vụ hành chính công tỉnh cho biết, trong năm nay đã có hơn 120 nghìn hồ sơ '
     'được nộp trực tuyến, tăng gần gấp đôi so với năm trước.</p>'
     '<blockquote><p>Chúng tôi coi sự hài lòng của người dân là thước đo của cải cách hành chính.</p></blockquote>'
     '<p>Tỉnh đặt mục tiêu đến cuối năm sau, toàn bộ thủ tục đủ điều kiện đều được cung cấp trực tuyến toàn trình.</p>'),
    ('ra-quan-dieu-tra-dan-so', 12, '07:00', 'Hoài Nam',
     'Ra quân điều tra dân số và nhà ở giữa kỳ',
     'Gần 900 điều tra viên sẽ đến từng hộ gia đình trong vòng một tháng.',
     '<p>Ban Chỉ đạo điều tra dân số tỉnh đề nghị người dân phối hợp, cung cấp thông tin đầy đủ, '
     'chính xác cho điều tra viên.</p>'
     '<p>Năm nay, lần đầu tiên điều tra viên dùng máy tính bảng để ghi phiếu, giúp rút ngắn thời gian xử lý số liệu.</p>'),
    ('nuoc-sach-nong-thon', 15, '09:40', 'Hoài Nam',
     'Thêm 6.000 hộ dân nông thôn được dùng nước sạch',
     'Ba công trình cấp nước tập trung vừa được bàn giao cho các xã ven sông.',
     '<p>Các công trình có tổng công suất 3.500 m³ mỗi ngày đêm, cấp nước cho 11 thôn của hai huyện Hà Phú và Đồng Tiến.</p>'
     '<p>Bà Lò Thị Mai ở thôn Bản Ngoài chia sẻ: gia đình bà không còn phải gánh nước suối như trước.</p>'),
    ('phong-chong-thien-tai', 18, '16:30', 'Ngọc Anh',
     'Diễn tập phòng chống thiên tai và tìm kiếm cứu nạn năm nay',
     'Cuộc diễn tập giả định tình huống lũ lớn kết hợp sạt lở đất tại huyện Mường Sơn.',
     '<p>Hơn 500 cán bộ, chiến sĩ và người dân đã tham gia diễn tập, với các nội dung sơ tán dân, '
     'cứu người bị nạn và bảo đảm thông tin liên lạc.</p>'
     '<p>Qua diễn tập, Ban Chỉ huy phòng chống thiên tai tỉnh đã rút ra nhiều kinh nghiệm cho công tác phối hợp.</p>'),
    ('ky-niem-ngay-thanh-lap-tinh', 21, '08:30', 'Thanh Hà',
     'Mít tinh kỷ niệm ngày thành lập tỉnh',
     'Lễ mít tinh diễn ra trang trọng tại Quảng trường trung tâm thành phố Lâm Giang.',
     '<p>Phát biểu tại buổi lễ, lãnh đạo tỉnh ôn lại chặng đường xây dựng và phát triển của Thanh Lâm, '
     'từ một tỉnh thuần nông trở thành địa phương có tốc độ tăng trưởng khá của khu vực.</p>'
     '<p>Nhân dịp này, nhiều tập thể và cá nhân được tặng bằng khen vì có thành tích xuất sắc.</p>'),
    ('sap-xep-don-vi-hanh-chinh', 25, '11:00', 'Minh Châu',
     'Lấy ý kiến nhân dân về phương án sắp xếp đơn vị hành chính cấp xã',
     'Phương án dự kiến giảm 9 xã, thị trấn; việc lấy ý kiến kéo dài đến cuối tháng.',
     '<p>Theo phương án, các xã có diện tích và dân số chưa đạt tiêu chuẩn sẽ được nhập với xã liền kề.</p>'
     '<p>Chính quyền các cấp được yêu cầu tuyên truyền rõ mục đích, bảo đảm quyền lợi của người dân và cán bộ.</p>'),
    ('hoc-tap-nghi-quyet', 29, '14:20', 'Thanh Hà',
     'Hội nghị học tập, quán triệt nghị quyết của Trung ương',
     'Hơn 1.200 cán bộ, đảng viên chủ chốt tham dự tại điểm cầu tỉnh và các huyện.',
     '<p>Hội nghị được tổ chức theo hình thức trực tuyến, kết nối đến 10 điểm cầu cấp huyện.</p>'
     '<p>Sau hội nghị, các cấp ủy sẽ xây dựng chương trình hành động cụ thể, phù hợp với điều kiện địa phương.</p>'),
    ('nang-nong-dau-mua', 33, '06:00', 'Trung tâm Khí tượng Thủy văn tỉnh',
     'Nắng nóng đầu mùa, nhiệt độ cao nhất 38 độ C',
     'Người dân cần hạn chế ra ngoài vào buổi trưa và sử dụng điện tiết kiệm.',
     '<p>Đợt nắng nóng dự kiến kéo dài 4–5 ngày ở khu vực đồng bằng, độ ẩm thấp nhất 45–50%.</p>'
     '<p>Ngành điện khuyến cáo không sử dụng cùng lúc nhiều thiết bị công suất lớn trong giờ cao điểm.</p>'),
    ('dau-tu-khu-cong-nghiep', 38, '10:00', 'Quốc Việt',
     'Khu công nghiệp Bắc Lâm Giang đón thêm ba dự án mới',
     'Tổng vốn đăng ký khoảng 45 triệu USD, dự kiến tạo việc làm cho 2.000 lao động.',
     '<p>Các dự án thuộc lĩnh vực chế biến nông sản, may mặc và linh kiện điện tử.</p>'
     '<p>Ban Quản lý các khu công nghiệp cam kết đồng hành, hỗ trợ nhà đầu tư hoàn thiện thủ tục trong thời gian ngắn nhất.</p>'),
    ('ban-tin-khong-tac-gia', 42, '09:00', None,
     'Thông báo lịch tiếp công dân tháng tới',
     'Lãnh đạo Ủy ban nhân dân tỉnh tiếp công dân vào ngày 15 hằng tháng tại Trụ sở tiếp công dân tỉnh.',
     '<p>Công dân có nhu cầu đăng ký trước tại Trụ sở tiếp công dân tỉnh hoặc qua cổng dịch vụ công.</p>'),
]

GIAO_DUC = [
    ('khai-giang-truong-ban-tru', 0, '06:45', 'Lan Phương',
     'Học sinh vùng cao hào hứng với ngôi trường bán trú mới',
     'Trường Phổ thông dân tộc bán trú xã Nậm Khê có thêm 12 phòng học và khu nội trú khang trang.',
     '<p>Sáng nay, hơn 400 học sinh của Trường Phổ thông dân tộc bán trú xã Nậm Khê, huyện Mường Sơn '
     'đã chuyển sang học tại ngôi trường mới.</p>'
     + fig('truong-hoc.jpg', 'Điểm trường mới ở vùng cao') +
     '<h2>Nhà ở, bếp ăn và thư viện</h2>'
     '<ul><li>12 phòng học kiên cố, đủ bàn ghế đúng chuẩn;</li>'
     '<li>khu nội trú cho 180 học sinh;</li>'
     '<li>bếp ăn một chiều và thư viện thân thiện.</li></ul>'
     '<blockquote><p>Các em không còn phải học trong phòng tạm lợp tôn, mùa đông đỡ rét hơn nhiều.</p></blockquote>'
     '<p>Thầy Hiệu trưởng cho biết nhà trường sẽ tổ chức thêm các câu lạc bộ đọc sách vào cuối tuần.</p>'),
    ('thi-hoc-sinh-gioi', 1, '17:20', 'Đức Thịnh',
     'Thanh Lâm giành 9 giải tại kỳ thi chọn học sinh giỏi quốc gia',
     'Đội tuyển của tỉnh đạt 1 giải Nhì, 3 giải Ba và 5 giải Khuyến khích.',
     '<p>Các giải thưởng tập trung ở các môn Toán, Ngữ văn, Địa lý và Tin học. '
     'Đây là kết quả cao nhất của tỉnh trong năm năm gần đây.</p>'
     '<p>Sở Giáo dục và Đào tạo sẽ khen thưởng học sinh đoạt giải và giáo viên trực tiếp bồi dưỡng.</p>'),
    ('chuong-trinh-giao-duc-pho-thong', 3, '08:00', 'Lan Phương',
     'Giáo viên được bồi dưỡng dạy học theo chương trình giáo dục phổ thông mới',
     'Hơn 3.000 giáo viên tham gia các lớp bồi dưỡng trong dịp hè.',
     '<p>Nội dung bồi dưỡng tập trung vào phương pháp dạy học tích cực, kiểm tra đánh giá theo năng lực '
     'và sử dụng thiết bị dạy học số.</p>'
     '<p>Nhiều giáo viên cho rằng các buổi thực hành theo nhóm giúp họ tự tin hơn khi đứng lớp.</p>'),
    ('thu-vien-so', 5, '10:30', 'Minh Khôi',
     'Thư viện tỉnh ra mắt thư viện số với hơn 20 nghìn đầu sách',
     'Bạn đọc có thể mượn sách điện tử miễn phí bằng thẻ thư viện.',
     '<p>Thư viện số được xây dựng với nguồn tài liệu phong phú: sách giáo khoa, sách tham khảo, '
     'tài liệu địa chí về vùng đất và con người Thanh Lâm.</p>'
     '<p>Trong tháng đầu tiên, thư viện sẽ tổ chức các buổi hướng dẫn sử dụng cho học sinh và người cao tuổi.</p>'),
    ('le-hoi-dinh-lang', 7, '19:00', 'Hồng Nhung',
     'Lễ hội đình làng Phú Xuân được công nhận di sản văn hóa phi vật thể cấp tỉnh',
     'Lễ hội gắn với tục thờ Thành hoàng làng, có lịch sử hơn ba trăm năm.',
     '<p>Lễ hội diễn ra vào mùng 6 tháng Giêng âm lịch, gồm phần lễ rước kiệu và phần hội với hát trống quân, '
     'kéo co, đấu vật.</p>'
     + fig('le-hoi.jpg', 'Lễ hội đình làng đầu xuân') +
     '<p>Việc công nhận giúp cộng đồng có thêm điều kiện bảo tồn, truyền dạy các giá trị văn hóa truyền thống '
     'cho thế hệ trẻ.</p>'),
    ('tuyen-sinh-lop-10', 9, '11:45', 'Đức Thịnh',
     'Công bố phương án tuyển sinh vào lớp 10 năm học mới',
     'Thí sinh thi ba môn: Ngữ văn, Toán và Ngoại ngữ; điểm xét tuyển tính hệ số 1.',
     '<p>Sở Giáo dục và Đào tạo cho biết, chỉ tiêu vào các trường trung học phổ thông công lập '
     'năm nay chiếm khoảng 70% số học sinh tốt nghiệp trung học cơ sở.</p>'
     '<h2>Lịch thi dự kiến</h2>'
     '<ul><li>Đăng ký dự thi: trong tháng Năm;</li><li>Thi: đầu tháng Sáu;</li><li>Công bố điểm: cuối tháng Sáu.</li></ul>'),
    ('hoc-bong-vuot-kho', 11, '15:00', 'Minh Khôi',
     'Trao 250 suất học bổng cho học sinh vượt khó học giỏi',
     'Mỗi suất học bổng trị giá 2 triệu đồng, kèm sách vở và đồ dùng học tập.',
     '<p>Chương trình do Hội Khuyến học tỉnh phối hợp với các doanh nghiệp trên địa bàn tổ chức.</p>'
     '<p>Em Vàng Thị Dung, học sinh lớp 9 ở huyện Mường Sơn, xúc động: “Em sẽ cố gắng học tốt để không phụ lòng thầy cô.”</p>'),
    ('bao-tang-trien-lam', 13, '09:30', 'Hồng Nhung',
     'Triển lãm ảnh “Thanh Lâm — những mùa vàng”',
     'Gần 150 bức ảnh ghi lại vẻ đẹp của đồng ruộng, bản làng và con người trong lao động.',
     '<p>Triển lãm mở cửa miễn phí tại Bảo tàng tỉnh đến hết tháng. Các tác phẩm được chọn từ hơn '
     '1.000 ảnh dự thi của tác giả chuyên nghiệp và không chuyên.</p>'),
    ('tieng-viet-cho-tre-mam-non', 16, '07:50', 'Lan Phương',
     'Tăng cường tiếng Việt cho trẻ mầm non người dân tộc thiểu số',
     'Các lớp mẫu giáo được trang bị góc đọc, tranh truyện song ngữ.',
     '<p>Giáo viên sử dụng trò chơi, bài hát và câu chuyện để giúp trẻ làm quen với tiếng Việt '
     'trước khi vào lớp Một.</p>'
     '<blockquote><p>Trẻ mạnh dạn giao tiếp thì vào lớp Một sẽ học tốt hơn.</p></blockquote>'),
    ('dai-hoc-dia-phuong', 19, '14:10', 'Đức Thịnh',
     'Trường Đại học Thanh Lâm mở thêm ngành Công nghệ thông tin',
     'Năm đầu tiên tuyển 120 sinh viên, ưu tiên con em địa phương.',
     '<p>Nhà trường đã hợp tác với một số doanh nghiệp phần mềm để sinh viên thực tập từ năm thứ hai.</p>'),
    ('an-toan-truong-hoc', 22, '16:00', 'Minh Khôi',
     'Bảo đảm an toàn thực phẩm trong các bếp ăn trường học',
     'Đoàn kiểm tra liên ngành đã làm việc tại 40 trường có tổ chức bán trú.',
     '<p>Phần lớn các bếp ăn bảo đảm điều kiện vệ sinh, có sổ kiểm thực ba bước và lưu mẫu thức ăn đúng quy định.</p>'
     '<p>Một số trường được yêu cầu khắc phục ngay việc bảo quản thực phẩm chưa đúng cách.</p>'),
    ('lang-nghe-det-tho-cam', 26, '10:15', 'Hồng Nhung',
     'Giữ nghề dệt thổ cẩm ở bản Lướt',
     'Hợp tác xã dệt thổ cẩm thu hút 35 phụ nữ tham gia, sản phẩm bán cho khách du lịch.',
     '<p>Những tấm vải thổ cẩm với hoa văn truyền thống được làm hoàn toàn thủ công, '
     'từ khâu trồng bông, kéo sợi đến nhuộm màu từ lá cây rừng.</p>'
     '<p>Các nghệ nhân lớn tuổi trực tiếp truyền dạy cho lớp trẻ vào các buổi tối.</p>'),
    ('tong-ket-nam-hoc', 31, '08:40', 'Lan Phương',
     'Ngành giáo dục tổng kết năm học, tỷ lệ trường đạt chuẩn quốc gia tăng',
     'Toàn tỉnh có 68% trường đạt chuẩn quốc gia, tăng 5% so với năm học trước.',
     '<p>Hội nghị tổng kết ghi nhận những kết quả nổi bật về chất lượng giáo dục toàn diện, '
     'công tác phổ cập và xây dựng trường lớp.</p>'
     '<ol><li>Duy trì vững chắc phổ cập giáo dục mầm non cho trẻ 5 tuổi.</li>'
     '<li>Giảm tỷ lệ học sinh bỏ học ở vùng khó khăn.</li>'
     '<li>Đẩy mạnh chuyển đổi số trong quản lý.</li></ol>'),
    ('van-hoa-doc', 36, '19:30', 'Minh Khôi',
     'Ngày hội văn hóa đọc thu hút hàng nghìn học sinh',
     'Nhiều hoạt động giao lưu với tác giả, thi kể chuyện theo sách được tổ chức.',
     '<p>Ngày hội năm nay có chủ đề “Sách — người bạn đồng hành”, với 40 gian trưng bày của các trường học và nhà sách.</p>'),
    ('giao-vien-cam-ban', 40, '07:15', 'Đức Thịnh',
     'Những thầy cô “cắm bản” ở điểm trường Pá Mòn',
     'Cách trung tâm xã 18 km đường đồi, điểm trường có 3 giáo viên và 47 học sinh.',
     '<p>Mùa mưa, đường vào bản trơn trượt, thầy cô phải đi bộ gần ba tiếng. '
     'Dù vậy, chưa buổi học nào bị bỏ lỡ.</p>'
     '<p>Cô giáo Lường Thị Hoa đã gắn bó với điểm trường mười năm: “Thấy các em biết đọc, biết viết là vui rồi.”</p>'),
    ('tom-tat-khong-noi-dung', 44, '12:00', 'Ban Biên tập',
     'Lịch nghỉ Tết Nguyên đán của học sinh toàn tỉnh',
     'Học sinh được nghỉ Tết 10 ngày, đi học trở lại vào mùng 7 tháng Giêng.',
     None),
]

DOI_SONG = [
    ('lua-dong-xuan', 0, '06:10', 'Văn Tùng',
     'Nông dân Hà Phú xuống đồng gieo cấy lúa vụ Đông Xuân',
     'Toàn huyện gieo cấy 8.200 ha, chủ yếu là các giống lúa chất lượng cao.',
     '<p>Tranh thủ thời tiết thuận lợi, nông dân huyện Hà Phú đã gieo cấy được hơn 60% diện tích.</p>'
     + fig('dong-lua.jpg', 'Cánh đồng lúa vụ Đông Xuân') +
     '<h2>Cơ giới hóa giúp giảm công lao động</h2>'
     '<p>Nhiều hợp tác xã sử dụng máy cấy, máy bay không người lái để phun thuốc, '
     'giảm đáng kể chi phí so với làm thủ công.</p>'
     '<blockquote><p>Một máy cấy làm bằng cả chục người, lại thẳng hàng, lúa đẻ nhánh khỏe.</p></blockquote>'),
    ('tiem-chung-mo-rong', 1, '08:30', 'Bác sĩ Phạm Hương',
     'Tiêm chủng mở rộng: không để trẻ nào bị bỏ lỡ mũi tiêm',
     'Ngành y tế tổ chức tiêm bù, tiêm vét cho trẻ dưới 5 tuổi tại tất cả các xã.',
     '<p>Phụ huynh cần mang theo sổ tiêm chủng hoặc giấy tờ có thông tin tiêm chủng của trẻ.</p>'
     '<ul><li>Theo dõi trẻ 30 phút tại điểm tiêm;</li>'
     '<li>tiếp tục theo dõi tại nhà ít nhất 24 giờ;</li>'
     '<li>đưa trẻ đến cơ sở y tế ngay nếu có dấu hiệu bất thường.</li></ul>'),
    ('tram-y-te-xa', 2, '15:30', 'Thu Trang',
     'Trạm y tế xã được cải tạo, người dân yên tâm khám bệnh gần nhà',
     '22 trạm y tế xã được nâng cấp cơ sở vật chất và bổ sung trang thiết bị.',
     '<p>Sau cải tạo, các trạm y tế có phòng khám, phòng tiêm chủng và phòng lưu bệnh nhân riêng biệt.</p>'
     + fig('tram-y-te.jpg', 'Trạm y tế xã sau cải tạo') +
     '<p>Nhiều trạm đã kết nối khám chữa bệnh từ xa với bệnh viện tuyến huyện.</p>'),
    ('gia-ca-phe', 4, '11:00', 'Văn Tùng',
     'Giá cà phê tăng, nông dân vùng cao phấn khởi',
     'Giá cà phê nhân xô tại vườn tăng khoảng 15% so với đầu vụ.',
     '<p>Nhiều hộ đã chuyển sang thu hái quả chín để nâng chất lượng, bán được giá cao hơn.</p>'),
    ('phong-sot-xuat-huyet', 5, '09:15', 'Bác sĩ Phạm Hương',
     'Chủ động phòng, chống sốt xuất huyết mùa mưa',
     'Số ca mắc tăng nhẹ; người dân được khuyến cáo diệt lăng quăng, bọ gậy.',
     '<p>Trung tâm Kiểm soát bệnh tật tỉnh đã tổ chức phun hóa chất tại các ổ dịch ở thành phố Lâm Giang.</p>'
     '<blockquote><p>Không có lăng quăng, bọ gậy thì không có sốt xuất huyết.</p></blockquote>'
     '<p>Khi sốt cao liên tục, người bệnh cần đến cơ sở y tế, không tự ý dùng thuốc.</p>'),
    ('vu-mua-vai-thieu', 7, '06:40', 'Minh Đức',
     'Vải thiều Đồng Tiến được mùa, được giá',
     'Sản lượng ước đạt 12 nghìn tấn; 30% được xuất khẩu.',
     '<p>Năm nay, nhiều vườn vải được cấp mã số vùng trồng, đáp ứng yêu cầu của thị trường khó tính.</p>'
     '<p>Các thương lái đến tận vườn thu mua, người trồng không phải lo đầu ra.</p>'),
    ('bao-hiem-y-te', 9, '14:45', 'Thu Trang',
     'Tỷ lệ người dân tham gia bảo hiểm y tế đạt 93%',
     'Ngân sách tỉnh hỗ trợ thêm mức đóng cho hộ cận nghèo và hộ làm nông nghiệp có mức sống trung bình.',
     '<p>Bảo hiểm xã hội tỉnh cho biết, việc khám chữa bệnh bằng căn cước công dân gắn chip '
     'đã giúp giảm thời gian chờ đợi tại bệnh viện.</p>'),
    ('chan-nuoi-an-toan', 11, '10:05', 'Minh Đức',
     'Chăn nuôi an toàn sinh học, hướng đi bền vững',
     'Mô hình nuôi lợn trên đệm lót sinh học giúp giảm mùi, giảm dịch bệnh.',
     '<p>Các hộ tham gia được hỗ trợ con giống, chế phẩm sinh học và tập huấn kỹ thuật.</p>'
     '<p>Sau một năm, tỷ lệ hao hụt giảm rõ rệt, lợi nhuận tăng khoảng 20%.</p>'),
    ('kham-mien-phi', 14, '07:30', 'Thu Trang',
     'Khám bệnh, cấp thuốc miễn phí cho 800 người cao tuổi',
     'Các y, bác sĩ bệnh viện tỉnh tình nguyện đến hai xã vùng sâu.',
     '<p>Người cao tuổi được đo huyết áp, xét nghiệm đường huyết, siêu âm và tư vấn chế độ dinh dưỡng.</p>'),
    ('ocop', 17, '16:20', 'Văn Tùng',
     'Thêm 15 sản phẩm đạt chuẩn OCOP',
     'Trong đó có mật ong rừng, chè shan tuyết và miến dong.',
     '<p>Các sản phẩm đạt chuẩn được hỗ trợ quảng bá tại hội chợ và trên các sàn thương mại điện tử.</p>'
     '<ol><li>Mật ong rừng Mường Sơn — 4 sao;</li><li>Chè shan tuyết Pá Mòn — 4 sao;</li>'
     '<li>Miến dong Phú Xuân — 3 sao.</li></ol>'),
    ('dinh-duong-tre-em', 20, '09:00', 'Bác sĩ Phạm Hương',
     'Cải thiện dinh dưỡng cho trẻ em vùng đồng bào dân tộc thiểu số',
     'Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm còn 21%.',
     '<p>Cán bộ y tế thôn bản hướng dẫn các bà mẹ chế biến bữa ăn đủ chất từ thực phẩm sẵn có tại địa phương.</p>'),
    ('thuy-loi', 24, '13:30', 'Minh Đức',
     'Nạo vét kênh mương, bảo đảm nước tưới cho vụ mới',
     'Hơn 150 km kênh mương nội đồng được nạo vét trước mùa gieo cấy.',
     '<p>Các xã huy động người dân tham gia ngày công lao động, làm sạch dòng chảy và sửa chữa cống.</p>'),
    ('hien-mau', 28, '08:00', 'Thu Trang',
     'Ngày hội hiến máu tình nguyện thu được hơn 900 đơn vị máu',
     'Đoàn viên thanh niên, cán bộ và người dân tham gia đông đảo.',
     '<p>Lượng máu thu được sẽ bổ sung cho ngân hàng máu của bệnh viện tỉnh, phục vụ cấp cứu và điều trị.</p>'),
    ('rau-an-toan', 32, '10:40', 'Văn Tùng',
     'Hợp tác xã rau an toàn cung cấp cho bếp ăn trường học',
     'Mỗi ngày, hợp tác xã giao khoảng 1,5 tấn rau cho 30 trường.',
     '<p>Rau được trồng theo quy trình VietGAP, có nhật ký sản xuất và truy xuất nguồn gốc bằng mã QR.</p>'),
    ('benh-vien-ve-tinh', 37, '15:00', 'Bác sĩ Phạm Hương',
     'Bệnh viện tỉnh nhận chuyển giao kỹ thuật can thiệp tim mạch',
     'Người bệnh không phải chuyển lên tuyến trên, tiết kiệm chi phí và thời gian.',
     '<p>Ê-kíp bác sĩ đã thực hiện thành công ca đặt stent mạch vành đầu tiên tại tỉnh.</p>'
     '<p>Bệnh nhân hồi phục tốt và được xuất viện sau ba ngày.</p>'),
    ('trong-rung', 41, '07:00', 'Minh Đức',
     'Phát động Tết trồng cây, trồng mới 1.200 ha rừng',
     'Ưu tiên các loài cây bản địa, cây gỗ lớn và cây lâm sản ngoài gỗ.',
     '<p>Các huyện vùng núi sẽ trồng rừng phòng hộ đầu nguồn, góp phần hạn chế lũ quét và sạt lở.</p>'),
]


def date_ph(kind, days, hhmm):
    return '{{%s-%d %s}}' % (kind, days, hhmm)


def link_of(section, slug):
    return '{{BASE}}/%s/%s.html' % (section, slug)


def write_rss(path):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
           ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
           ' xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           '  <channel>',
           '    <title>Tin Sáng — Thời sự</title>',
           '    <link>{{BASE}}/</link>',
           '    <atom:link href="{{BASE}}/thoi-su/rss.xml" rel="self" type="application/rss+xml"/>',
           '    <description>Tin thời sự của tỉnh Thanh Lâm (tin bài hư cấu, viết cho bản trình diễn của Bantin)</description>',
           '    <language>vi</language>',
           '    <lastBuildDate>%s</lastBuildDate>' % date_ph('DATE', 0, '07:30'),
           '    <image><url>{{BASE}}/images/logo.png</url><title>Tin Sáng — Thời sự</title><link>{{BASE}}/</link></image>']
    for slug, days, hhmm, author, title, summary, body in THOI_SU:
        out.append('    <item>')
        out.append('      <title>%s</title>' % escape(title))
        out.append('      <link>%s</link>' % link_of('thoi-su', slug))
        out.append('      <guid isPermaLink="false">tin-sang:thoi-su:%s</guid>' % slug)
        out.append('      <pubDate>%s</pubDate>' % date_ph('DATE', days, hhmm))
        if author:
            out.append('      <dc:creator>%s</dc:creator>' % escape(author))
        out.append('      <category>Thời sự</category>')
        out.append('      <description>%s</description>' % escape(summary))
        if body:
            out.append('      <content:encoded><![CDATA[%s]]></content:encoded>' % body)
        out.append('    </item>')
    out += ['  </channel>', '</rss>', '']
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))


def write_atom(path):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
           '  <title>Tin Sáng — Giáo dục &amp; Văn hóa</title>',
           '  <subtitle>Giáo dục, văn hóa và đời sống tinh thần ở tỉnh Thanh Lâm (hư cấu)</subtitle>',
           '  <id>tag:tin-sang.example,2026:giao-duc</id>',
           '  <link rel="alternate" type="text/html" href="{{BASE}}/"/>',
           '  <link rel="self" type="application/atom+xml" href="{{BASE}}/giao-duc/atom.xml"/>',
           '  <icon>{{BASE}}/images/logo.png</icon>',
           '  <updated>%s</updated>' % date_ph('ISO', 0, '06:45')]
    for slug, days, hhmm, author, title, summary, body in GIAO_DUC:
        out.append('  <entry>')
        out.append('    <title>%s</title>' % escape(title))
        out.append('    <id>tag:tin-sang.example,2026:giao-duc/%s</id>' % slug)
        out.append('    <link rel="alternate" type="text/html" href="%s"/>' % link_of('giao-duc', slug))
        out.append('    <published>%s</published>' % date_ph('ISO', days, hhmm))
        out.append('    <updated>%s</updated>' % date_ph('ISO', days, hhmm))
        out.append('    <author><name>%s</name></author>' % escape(author))
        out.append('    <summary type="text">%s</summary>' % escape(summary))
        if body:
            out.append('    <content type="html">%s</content>' % escape(body))
        out.append('  </entry>')
    out += ['</feed>', '']
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))


def write_json(path):
    items = []
    for slug, days, hhmm, author, title, summary, body in DOI_SONG:
        item = {
            'id': 'tin-sang:doi-song:' + slug,
            'url': link_of('doi-song', slug),
            'title': title,
            'summary': summary,
            'content_html': body,
            'date_published': date_ph('ISO', days, hhmm),
            'authors': [{'name': author}],
            'tags': ['Đời sống'],
        }
        if 'images/' in body:
            item['image'] = '{{BASE}}/images/' + body.split('images/')[1].split('"')[0]
        items.append(item)
    feed = {
        'version': 'https://jsonfeed.org/version/1.1',
        'title': 'Tin Sáng — Nông nghiệp & Sức khỏe',
        'home_page_url': '{{BASE}}/',
        'feed_url': '{{BASE}}/doi-song/feed.json',
        'description': 'Nông nghiệp, y tế và sức khỏe cộng đồng ở tỉnh Thanh Lâm (hư cấu)',
        'icon': '{{BASE}}/images/logo.png',
        'language': 'vi',
        'items': items,
    }
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(feed, f, ensure_ascii=False, indent=2)
        f.write('\n')


if __name__ == '__main__':
    for d in ('thoi-su', 'giao-duc', 'doi-song'):
        os.makedirs(os.path.join(HERE, d), exist_ok=True)
    write_rss(os.path.join(HERE, 'thoi-su', 'rss.xml'))
    write_atom(os.path.join(HERE, 'giao-duc', 'atom.xml'))
    write_json(os.path.join(HERE, 'doi-song', 'feed.json'))
