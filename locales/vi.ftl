# Giao Ban — tiếng Việt (ngôn ngữ mặc định).
# Văn phong: như văn phòng HĐND viết cho đại biểu — lịch sự, ngắn gọn, chính xác.

## Chung
flood = ⏳ Đồng chí gửi lệnh quá nhanh. Xin vui lòng chờ ít giây rồi thử lại.
error-internal = ⚠️ Hệ thống gặp sự cố khi xử lý yêu cầu này. Yêu cầu chưa được thực hiện; đồng chí vui lòng thử lại sau ít phút.
sent-privately = 📩 Đã gửi riêng cho đồng chí trong tin nhắn với bot.
open-private-first = 📩 Nội dung này chỉ gửi riêng. Đồng chí vui lòng mở {$link}, bấm «Bắt đầu» (Start), rồi gửi lại lệnh.
only-admin = ⛔ Lệnh này chỉ dành cho quản trị viên. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.
only-secretary = ⛔ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.
only-delegate = ⛔ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường link mời từ thư ký đơn vị.
group-only = ⛔ Lệnh này dùng trong nhóm Thường trực HĐND của đơn vị, không dùng trong tin nhắn riêng.
command-unknown = ⛔ Không có lệnh {$command}.
command-wrong-chat = ⛔ Lệnh {$command} không dùng ở đây. Đồng chí dùng /huongdan để xem cách dùng.
group-added = 👋 Xin chào! Thư ký của đơn vị vui lòng gửi /lienketnhom MÃ_ĐƠN_VỊ để liên kết nhóm này là nhóm Thường trực HĐND của đơn vị.

## Vai trò
role-admin = quản trị viên
role-secretary = thư ký
role-delegate = đại biểu
role-guest = chưa đăng ký

## Bắt đầu, link mời
start-guest =
    Xin chào đồng chí {$name}!
    Giao Ban là trợ lý của Thường trực HĐND: thông báo cuộc họp, lấy ý kiến góp ý dự thảo, gửi thông báo và tóm tắt định kỳ.
    Để tham gia, đồng chí vui lòng mở đường link mời do thư ký đơn vị gửi.
start-member =
    Xin chào đồng chí {$name}, {$role} đơn vị {$unit}.
    Gửi /huongdan để xem các lệnh của đồng chí.
invite-unknown = ⛔ Đường link mời không hợp lệ. Đồng chí vui lòng đề nghị thư ký đơn vị gửi link mới.
invite-expired = ⛔ Đường link mời đã hết hạn. Đồng chí vui lòng đề nghị thư ký đơn vị gửi link mới.
invite-used = ⛔ Đường link mời đã được sử dụng hết số lượt. Đồng chí vui lòng đề nghị thư ký đơn vị gửi link mới.
invite-joined =
    ✅ Đồng chí đã tham gia đơn vị {$unit} — {$unitName} với vai trò {$role}.
    Gửi /huongdan để xem các lệnh của đồng chí.
invite-joined-notice = 👤 Đồng chí {$name} đã tham gia đơn vị {$unit} với vai trò {$role} qua đường link mời.
invite-usage =
    ⛔ Lệnh chưa đúng. Cách dùng:
    /moi daibieu|thuky MÃ_ĐƠN_VỊ [số lượt] [số ngày]
    Ví dụ: /moi daibieu BD 30 7 — link mời đại biểu đơn vị BD, dùng được 30 lượt, hết hạn sau 7 ngày.
    Số lượt từ 1 đến 1000 (mặc định 1), số ngày từ 1 đến 90.
invite-secretary-admin-only = ⛔ Chỉ quản trị viên mới mời được thư ký. Thư ký có thể mời đại biểu của đơn vị mình.
invite-link =
    🔗 Đường link mời {$role} đơn vị {$unit} — {$unitName}
    Dùng được {$uses} lượt, hết hạn lúc {$expires}.
    {$link}
    Đồng chí chuyển link này cho người được mời; mỗi người mở link và bấm «Bắt đầu» (Start).

## Đơn vị, nhóm
unit-unknown = ⛔ Không có đơn vị mã «{$unit}». Gửi /donvi để xem danh sách đơn vị.
unit-not-yours = ⛔ Đồng chí không phụ trách đơn vị {$unit}. Thư ký chỉ thao tác với đơn vị của mình.
addunit-usage =
    ⛔ Lệnh chưa đúng. Cách dùng:
    /themdonvi MÃ Tên đơn vị
    Ví dụ: /themdonvi BD Quận Ba Đình
    Mã gồm chữ cái không dấu và chữ số, tối đa 10 ký tự; tên tối đa 120 ký tự.
addunit-created = ✅ Đã tạo đơn vị {$unit} — {$unitName}.
addunit-renamed = ✅ Đã đổi tên đơn vị {$unit} thành «{$unitName}».
units-empty = Chưa có đơn vị nào. Quản trị viên tạo đơn vị bằng lệnh /themdonvi MÃ Tên đơn vị.
units-title = 🏛 Danh sách đơn vị ({$count}):
units-line = • <b>{$unit}</b> — {$unitName} · {$group} · {$members} thành viên
units-no-group = chưa liên kết nhóm
units-group = nhóm «{$title}»
units-group-gone = ⚠️ bot đã bị xóa khỏi nhóm «{$title}»
linkgroup-usage =
    ⛔ Lệnh chưa đúng. Cách dùng: /lienketnhom MÃ_ĐƠN_VỊ
    Ví dụ: /lienketnhom BD
linkgroup-elsewhere = ⛔ Nhóm này đang là nhóm của đơn vị {$unit}. Gửi /huylienket trước nếu muốn liên kết với đơn vị khác.
linkgroup-done = ✅ Đã liên kết nhóm này là nhóm Thường trực HĐND của đơn vị {$unit} — {$unitName}. Thông báo, lịch họp và tóm tắt của đơn vị sẽ được gửi vào đây.
linkgroup-replaced = Nhóm cũ «{$title}» không còn nhận tin của đơn vị.
unlinkgroup-not-linked = ⛔ Nhóm này chưa được liên kết với đơn vị nào.
unlinkgroup-done = ✅ Đã hủy liên kết nhóm này với đơn vị {$unit}. Nhóm sẽ không nhận tin của đơn vị nữa.

## Thành viên
members-usage =
    ⛔ Lệnh chưa đúng. Cách dùng: /thanhvien [MÃ_ĐƠN_VỊ]
    Ví dụ: /thanhvien BD
members-all = tất cả đơn vị
members-title = 👥 Thành viên — {$scope} ({$count}):
members-line = • {$name}{$username} · {$role} · {$unit} · id {$id}
members-empty = Chưa có thành viên nào ({$scope}).
remove-usage =
    ⛔ Lệnh chưa đúng. Cách dùng: /xoathanhvien ID
    ID là số hiển thị trong /thanhvien.
remove-unknown = ⛔ Không có thành viên có id {$id}.
remove-done = ✅ Đã xóa vai trò {$role} đơn vị {$unit} của đồng chí {$name}.

## Trợ giúp, ngôn ngữ, thông tin cá nhân
help-title = 📖 Các lệnh dành cho đồng chí ({$role}):
help-footer = Mỗi lệnh có tên tiếng Việt không dấu và tên tiếng Anh trong ngoặc; dùng tên nào cũng được.
lang-usage =
    ⛔ Cách dùng: /ngonngu vi hoặc /ngonngu en
    Ngôn ngữ hiện tại: {$current}.
lang-set = ✅ Đã chuyển sang tiếng Việt.
lang-name-vi = tiếng Việt
lang-name-en = tiếng Anh
whoami-role = Vai trò: {$role}
whoami-unit = Đơn vị: {$unit} — {$unitName}
whoami-no-unit = Đơn vị: chưa có
whoami-lang = Ngôn ngữ: {$lang}
whoami-id = Mã Telegram: {$id}

## Mô tả lệnh (menu lệnh và /huongdan)
cmd-start = Bắt đầu, tham gia bằng link mời
cmd-help = Các lệnh của đồng chí
cmd-lang = Chọn ngôn ngữ (vi, en)
cmd-whoami = Vai trò, đơn vị, ngôn ngữ của đồng chí
cmd-units = Danh sách đơn vị và nhóm
cmd-members = Thành viên của đơn vị
cmd-invite = Tạo link mời đại biểu, thư ký
cmd-linkgroup = Liên kết nhóm với đơn vị
cmd-unlinkgroup = Hủy liên kết nhóm
cmd-addunit = Tạo hoặc đổi tên đơn vị
cmd-remove = Xóa vai trò của thành viên
args-lang = vi|en
args-members = [MÃ_ĐƠN_VỊ]
args-invite = daibieu|thuky MÃ_ĐƠN_VỊ [số lượt] [số ngày]
args-linkgroup = MÃ_ĐƠN_VỊ
args-addunit = MÃ Tên đơn vị
args-remove = ID

## Thông báo
button-cancel = ✖️ Hủy
broadcast-usage =
    ⛔ Lệnh chưa đúng.
    Cách dùng: /thongbao NGƯỜI_NHẬN [ghim]
    NGƯỜI_NHẬN: nhom (các nhóm đã liên kết), daibieu (từng đại biểu, tin nhắn riêng), tatca (cả hai), hoặc mã đơn vị (ví dụ BD HK).
    Gửi lệnh khi trả lời (reply) tin nhắn thông báo, hoặc gửi lệnh rồi gửi thông báo ngay sau đó.
broadcast-bad = Không hiểu «{$bad}».
broadcast-private-only = 📩 Thông báo được soạn trong tin nhắn riêng với bot để không lộ bản nháp. Đồng chí vui lòng mở {$link} và gửi /thongbao ở đó.
broadcast-send-now = ✍️ Đồng chí vui lòng gửi nội dung thông báo (văn bản có định dạng, ảnh hoặc tệp). Bot sẽ cho xem trước và hỏi lại trước khi gửi.
broadcast-cancelled-draft-wait = ✖️ Đã hủy soạn thông báo.
broadcast-nobody = ⛔ Không có người nhận nào: các đơn vị đã chọn chưa liên kết nhóm và chưa có đại biểu. Thông báo chưa được lưu.
broadcast-preview = Thông báo ở trên (mã {$id}) sẽ được gửi tới {$groups} nhóm và {$people} đại biểu. Gửi ngay?
broadcast-preview-pin = 📌 Thông báo sẽ được ghim trong các nhóm.
broadcast-button-send = 📤 Gửi
broadcast-not-yours = ⛔ Chỉ thư ký đã soạn thông báo này mới gửi hoặc hủy được.
broadcast-started = 📤 Bắt đầu gửi thông báo {$id}.
broadcast-progress = 📤 Đang gửi thông báo {$id}: {$done}/{$total}…
broadcast-cancelled-draft = ✖️ Đã hủy thông báo {$id}. Không có tin nào được gửi.
broadcast-already-sending = Thông báo {$id} đang được gửi.
broadcast-already-done = Thông báo {$id} đã gửi xong.
broadcast-already-cancelled = Thông báo {$id} đã bị hủy.
broadcast-already-draft = Thông báo {$id} chưa được gửi.
broadcast-already-missing = Không tìm thấy thông báo {$id}.
broadcast-unknown = ⛔ Không có thông báo «{$id}». Gửi /dsthongbao để xem các thông báo gần đây.
broadcast-cancel-done = 🛑 Đã dừng gửi thông báo {$id}. Đã gửi {$sent}/{$total} người nhận; phần còn lại sẽ không được gửi.
broadcast-report-done = ✅ Đã gửi thông báo {$id} tới {$sent}/{$total} người nhận.
broadcast-report-cancelled = 🛑 Thông báo {$id} đã dừng: đã gửi {$sent}/{$total} người nhận, {$dropped} người nhận không được gửi.
broadcast-report-failed = Không gửi được ({$count}):
broadcast-report-failure = • {$name} ({$reason})
broadcast-report-more = … và {$count} người nhận khác (danh sách đầy đủ ở tin nhắn sau).
broadcast-report-all-failures = Danh sách không gửi được thông báo {$id}:
broadcast-report-pin-failed = 📌 Không ghim được (bot cần quyền quản trị để ghim; thông báo vẫn đã được gửi): {$names}
broadcast-ack-button = ✅ Đã nhận
broadcast-ack-done = ✅ Đã ghi nhận: đồng chí đã nhận thông báo {$id}.
broadcast-ack-again = Đồng chí đã xác nhận thông báo {$id} trước đó.
broadcast-ack-unknown = Thông báo này không còn trong hệ thống.
broadcast-ack-not-member = Chỉ thành viên của đơn vị nhận thông báo mới xác nhận được.
broadcast-status-draft = chưa gửi
broadcast-status-sending = đang gửi
broadcast-status-done = đã gửi xong
broadcast-status-cancelled = đã dừng
broadcasts-empty = Chưa có thông báo nào.
broadcasts-title = 📣 Thông báo gần đây:
broadcasts-line = • <b>{$id}</b> · {$when} · {$status} · đã gửi {$sent}/{$total} · lỗi {$failed} · chờ {$pending} · đã nhận {$acked}
acks-title = ✅ Xác nhận đã nhận thông báo {$id}: {$acked} người.
acks-unit = <b>{$unit}</b>: {$acked}/{$total} đã nhận
acks-yes = {"  "}✅ {$names}
acks-no = {"  "}⏳ {$names}
reason-blocked = người nhận đã chặn bot
reason-kicked = bot đã bị xóa khỏi nhóm
reason-deactivated = tài khoản Telegram đã bị xóa
reason-no-private-chat = người nhận chưa mở tin nhắn với bot
reason-not-member = bot không còn trong nhóm
reason-chat-not-found = nhóm không còn tồn tại
reason-rejected = Telegram từ chối tin nhắn
reason-unavailable = Telegram không phản hồi sau nhiều lần thử
cmd-broadcast = Gửi thông báo tới các nhóm, đại biểu
cmd-broadcasts = Các thông báo gần đây và tiến độ gửi
cmd-acks = Ai đã nhận, ai chưa nhận thông báo
cmd-cancelbroadcast = Dừng gửi thông báo
args-broadcast = nhom|daibieu|tatca|MÃ_ĐƠN_VỊ… [ghim]
args-acks = B‹số›
args-cancelbroadcast = B‹số›
