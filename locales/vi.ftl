# Giao Ban — tiếng Việt (ngôn ngữ mặc định).
# Văn phong: như văn phòng HĐND viết cho đại biểu — lịch sự, ngắn gọn, chính xác.

## Chung
flood = ⏳ Lệnh được gửi quá nhanh. Đồng chí vui lòng chờ ít giây rồi gửi lại.
error-internal = ⚠️ Hệ thống gặp sự cố khi xử lý yêu cầu này. Yêu cầu chưa được thực hiện; đồng chí vui lòng thử lại sau ít phút.
sent-privately = 📩 Nội dung đã được gửi vào tin nhắn riêng của đồng chí.
open-private-first = 📩 Nội dung này chỉ gửi riêng. Đồng chí vui lòng mở {$link}, bấm «Bắt đầu» (Start), rồi gửi lại lệnh.
only-admin = ℹ️ Lệnh này chỉ dành cho quản trị viên. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.
only-secretary = ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.
only-delegate = ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.
group-only = ℹ️ Lệnh này dùng trong nhóm Thường trực HĐND của đơn vị, không dùng trong tin nhắn riêng.
private-only = 📩 Lệnh này dùng trong tin nhắn riêng với hệ thống. Đồng chí vui lòng mở {$link} và gửi lệnh ở đó.
command-unknown = ℹ️ Không có lệnh {$command}.
command-wrong-chat = ℹ️ Lệnh {$command} không dùng được ở đây. Đồng chí gửi /huongdan để xem cách dùng.
group-added = Hệ thống Giao Ban đã được thêm vào nhóm. Đề nghị thư ký của đơn vị gửi /lienketnhom MÃ_ĐƠN_VỊ để liên kết nhóm này là nhóm Thường trực HĐND của đơn vị.
# Tên HĐND, từ cấu hình COUNCIL_NAME và COUNCIL_KIND (biến chung của mọi tin): dùng { council } trong các tin.
council = HĐND { $councilKind ->
        [tinh] tỉnh
       *[other] thành phố
    } {$councilName}

## Vai trò
role-admin = quản trị viên
role-secretary = thư ký
role-delegate = đại biểu
role-guest = chưa đăng ký

## Bắt đầu, đường dẫn mời
start-guest =
    Xin chào đồng chí {$name}.
    Giao Ban là hệ thống giúp Thường trực HĐND thông báo cuộc họp, lấy ý kiến góp ý dự thảo, gửi thông báo và tóm tắt định kỳ.
    Để tham gia, đồng chí mở đường dẫn mời do thư ký đơn vị gửi.
start-member =
    Xin chào đồng chí {$name}, {$role} đơn vị {$unit}.
    Gửi /huongdan để xem các lệnh của đồng chí.
invite-unknown = ℹ️ Đường dẫn mời không hợp lệ. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.
invite-expired = ℹ️ Đường dẫn mời đã hết hạn. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.
invite-used = ℹ️ Đường dẫn mời đã dùng hết số lượt. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.
invite-joined =
    ✅ Đồng chí đã tham gia đơn vị {$unit} — {$unitName} với vai trò {$role}.
    Gửi /huongdan để xem các lệnh của đồng chí.
invite-joined-notice = 👤 Đồng chí {$name} đã tham gia đơn vị {$unit} với vai trò {$role} qua đường dẫn mời.
invite-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng:
    /moi daibieu|thuky MÃ_ĐƠN_VỊ [số lượt] [số ngày]
    Ví dụ: /moi daibieu BD 30 7 — đường dẫn mời đại biểu đơn vị BD, dùng được 30 lượt, hết hạn sau 7 ngày.
    Số lượt từ 1 đến 1000 (mặc định 1), số ngày từ 1 đến 90.
invite-secretary-admin-only = ℹ️ Chỉ quản trị viên mới mời được thư ký. Thư ký mời được đại biểu của đơn vị mình.
invite-link =
    🔗 Đường dẫn mời {$role} đơn vị {$unit} — {$unitName}
    Dùng được {$uses} lượt, hết hạn lúc {$expires}.
    {$link}
    Đồng chí chuyển đường dẫn này cho người được mời; mỗi người mở đường dẫn và bấm «Bắt đầu» (Start).
    Mã đường dẫn: {$code}. Thu hồi bằng lệnh /huymoi {$code}.

## Đơn vị, nhóm
unit-unknown = ℹ️ Không có đơn vị mã «{$unit}». Gửi /donvi để xem danh sách đơn vị.
unit-not-yours = ℹ️ Đồng chí không phụ trách đơn vị {$unit}. Thư ký chỉ thao tác với đơn vị của mình.
addunit-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng:
    /themdonvi MÃ Tên đơn vị
    Ví dụ: /themdonvi BD Phường Ba Đình
    Mã gồm chữ cái không dấu và chữ số, tối đa 10 ký tự; tên tối đa 120 ký tự.
addunit-created = ✅ Đã tạo đơn vị {$unit} — {$unitName}.
addunit-renamed = ✅ Đã đổi tên đơn vị {$unit} thành «{$unitName}».
units-empty = Chưa có đơn vị nào. Quản trị viên tạo đơn vị bằng lệnh /themdonvi MÃ Tên đơn vị.
units-title = 🏛 Danh sách đơn vị ({$count}):
units-line = • <b>{$unit}</b> — {$unitName} · {$group} · {$members} thành viên
units-no-group = chưa liên kết nhóm
units-group = nhóm «{$title}»
units-group-gone = ⚠️ hệ thống không còn trong nhóm «{$title}»
linkgroup-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /lienketnhom MÃ_ĐƠN_VỊ
    Ví dụ: /lienketnhom BD
linkgroup-elsewhere = ℹ️ Nhóm này đang là nhóm của đơn vị {$unit}. Để liên kết với đơn vị khác, đồng chí gửi /huylienket trước.
linkgroup-done = ✅ Đã liên kết nhóm này là nhóm Thường trực HĐND của đơn vị {$unit} — {$unitName}. Thông báo, lịch họp và tóm tắt của đơn vị sẽ được gửi vào đây.
linkgroup-replaced = Nhóm cũ «{$title}» không còn nhận tin của đơn vị.
unlinkgroup-not-linked = ℹ️ Nhóm này chưa được liên kết với đơn vị nào.
unlinkgroup-done = ✅ Đã hủy liên kết nhóm này với đơn vị {$unit}. Nhóm sẽ không nhận tin của đơn vị nữa.

## Thành viên
members-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /thanhvien [MÃ_ĐƠN_VỊ] [trang]
    Ví dụ: /thanhvien BD, hoặc /thanhvien BD 2 để xem trang 2.
members-all = tất cả đơn vị
members-title = 👥 Thành viên — {$scope} ({$count}):
members-line = • {$name}{$username} · {$role} · {$unit} · mã {$id}
members-empty = Chưa có thành viên nào ({$scope}).
remove-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /xoathanhvien MÃ_THÀNH_VIÊN
    Mã thành viên là số ghi sau chữ «mã» trong danh sách /thanhvien.
remove-unknown = ℹ️ Không có thành viên mã {$id}. Gửi /thanhvien để xem danh sách thành viên.
remove-done = ✅ Đã xóa vai trò {$role} đơn vị {$unit} của đồng chí {$name}.

# One rulebook (issue 11): invites listed, revoked and confirmed; /remove takes away what the person left.
invite-creator-gone = ℹ️ Đường dẫn mời này không còn hiệu lực vì người tạo không còn quyền mời. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.
invite-revoked = ℹ️ Đường dẫn mời đã bị thu hồi. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.
invite-unchanged = Đồng chí đã là {$role} đơn vị {$unit} — {$unitName}. Đường dẫn mời này không thay đổi gì.
invite-confirm =
    ⚠️ Đồng chí đang là {$currentRole} đơn vị {$currentUnit}. Nếu dùng đường dẫn mời này, đồng chí sẽ trở thành {$role} đơn vị {$unit} — {$unitName}.
    Đồng chí có xác nhận thay đổi không?
button-confirm = ✅ Xác nhận
invite-confirm-cancelled = Đã hủy. Vai trò của đồng chí giữ nguyên: {$role} đơn vị {$unit}.
invite-confirm-cancelled-plain = Đã hủy. Không có gì thay đổi.
invite-confirm-stale = ℹ️ Yêu cầu xác nhận này không còn hiệu lực. Đồng chí vui lòng mở lại đường dẫn mời.
invites-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /dsmoi [MÃ_ĐƠN_VỊ]
    Ví dụ: /dsmoi BD
invites-title = 🔗 Đường dẫn mời còn hiệu lực — {$scope} ({$count}):
invites-line = • <b>{$code}</b> · {$role} · {$unit} · còn {$left}/{$uses} lượt · hết hạn {$expires} · người tạo: {$creator}
invites-empty = Không có đường dẫn mời nào còn hiệu lực ({$scope}).
revokeinvite-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /huymoi I‹số› hoặc /huymoi MÃ_ĐƠN_VỊ
    Ví dụ: /huymoi I12 (một đường dẫn), /huymoi BD (mọi đường dẫn mời còn hiệu lực của đơn vị BD). Gửi /dsmoi để xem mã các đường dẫn mời còn hiệu lực.
invite-code-unknown = ℹ️ Không có đường dẫn mời mã «{$code}» còn hiệu lực. Gửi /dsmoi để xem danh sách.
revokeinvite-done = ✅ Đã thu hồi đường dẫn mời {$code} ({$role}, đơn vị {$unit}). Đường dẫn này không dùng được nữa.
invite-revoke-admin-only = ℹ️ Chỉ quản trị viên mới thu hồi được đường dẫn mời thư ký.
remove-invites = • Đã thu hồi {$count} đường dẫn mời do đồng chí này tạo: {$codes}.
remove-drafts = • Đã hủy {$count} thông báo nháp: {$ids}.
remove-pending = • Đã hủy việc đồng chí này đang nhập dở.
cmd-invites = Các đường dẫn mời còn hiệu lực
cmd-revokeinvite = Thu hồi đường dẫn mời
args-invites = [MÃ_ĐƠN_VỊ]
args-revokeinvite = I‹số›|MÃ_ĐƠN_VỊ

## Trợ giúp, ngôn ngữ, thông tin cá nhân
help-title = 📖 Các lệnh dành cho đồng chí ({$role}):
help-footer = Mỗi lệnh có tên tiếng Việt không dấu và tên tiếng Anh trong ngoặc; dùng tên nào cũng được.
help-digest-cron = Quản trị viên: /lichtomtat còn nhận lịch theo biểu thức cron 5 trường (phút giờ ngày tháng thứ), ví dụ /lichtomtat 0 16 * * 5 là 16:00 thứ Sáu hằng tuần; tóm tắt được gửi không quá một lần mỗi giờ.
lang-usage =
    ℹ️ Cách dùng: /ngonngu vi hoặc /ngonngu en
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
cmd-start = Bắt đầu, tham gia bằng đường dẫn mời
cmd-help = Các lệnh của đồng chí
cmd-lang = Chọn ngôn ngữ (vi, en)
cmd-whoami = Vai trò, đơn vị, ngôn ngữ của đồng chí
cmd-units = Danh sách đơn vị và nhóm
cmd-members = Thành viên của đơn vị
cmd-invite = Tạo đường dẫn mời đại biểu, thư ký
cmd-linkgroup = Liên kết nhóm với đơn vị
cmd-unlinkgroup = Hủy liên kết nhóm
cmd-addunit = Tạo hoặc đổi tên đơn vị
cmd-remove = Xóa vai trò của thành viên
args-lang = vi|en
args-members = [MÃ_ĐƠN_VỊ] [trang]
args-invite = daibieu|thuky MÃ_ĐƠN_VỊ [số lượt] [số ngày]
args-linkgroup = MÃ_ĐƠN_VỊ
args-addunit = MÃ Tên đơn vị
args-remove = MÃ_THÀNH_VIÊN

## Thông báo
button-cancel = ✖️ Hủy
broadcast-usage =
    ℹ️ Lệnh chưa đúng mẫu.
    Cách dùng: /thongbao NGƯỜI_NHẬN [ghim]
    NGƯỜI_NHẬN: nhom (các nhóm đã liên kết), daibieu (từng đại biểu, tin nhắn riêng), tatca (cả hai), hoặc mã đơn vị (ví dụ BD HK).
    Gửi lệnh khi trả lời (reply) tin nhắn thông báo, hoặc gửi lệnh rồi gửi thông báo ngay sau đó.
broadcast-bad = «{$bad}» không phải là người nhận hợp lệ.
broadcast-send-now = ✍️ Đồng chí vui lòng gửi nội dung thông báo (văn bản có định dạng, ảnh hoặc tệp). Thông báo chỉ được gửi đi sau khi đồng chí xem trước và bấm «Gửi».
broadcast-cancelled-draft-wait = ✖️ Đã hủy soạn thông báo.
broadcast-nobody = ℹ️ Không có người nhận: các đơn vị đã chọn chưa liên kết nhóm và chưa có đại biểu. Thông báo chưa được lưu.
broadcast-preview = Thông báo ở trên (mã {$id}) sẽ được gửi tới {$groups} nhóm và {$people} đại biểu. Gửi ngay?
broadcast-preview-pin = 📌 Thông báo sẽ được ghim trong các nhóm.
broadcast-preview-album = 📎 Chỉ { $part ->
        [photo] ảnh
        [video] video
        [audio] tệp âm thanh
       *[document] tệp
    } này được gửi, không kèm các phần khác của album. Để gửi cả album, đồng chí gửi từng phần thành thông báo riêng, hoặc gộp vào một tệp (ví dụ PDF).
broadcast-uncopyable = ⚠️ { $kind ->
        [service-pinned] Tin này là dòng báo «đã ghim tin nhắn», không phải nội dung thông báo, nên không gửi đi được.
        [service-members] Tin này là dòng báo có người vào, rời nhóm, không phải nội dung thông báo, nên không gửi đi được.
        [service-chat] Tin này là dòng báo thay đổi của nhóm (tên, ảnh, loại nhóm…), không phải nội dung thông báo, nên không gửi đi được.
        [paid-media] Ảnh, video thu phí không sao chép được để gửi đi.
        [invoice] Hóa đơn thanh toán không sao chép được để gửi đi.
        [giveaway] Tin rút thăm trúng thưởng (giveaway) không sao chép được để gửi đi.
        [quiz-hidden] Câu đố (quiz) này không kèm đáp án (thường do được chuyển tiếp), mà Telegram chỉ cho sao chép câu đố khi biết đáp án.
        [protected] Tin này được đặt chế độ bảo vệ (không cho chuyển tiếp, lưu lại), nên không sao chép được để gửi đi.
       *[service] Tin này là dòng báo hoạt động của Telegram, không phải nội dung thông báo, nên không gửi đi được.
    } Thông báo chưa được lưu.
broadcast-uncopyable-instead = { $kind ->
        [quiz-hidden] Đồng chí vui lòng gửi bình chọn thường thay cho câu đố, hoặc tự tạo câu đố trong cuộc trò chuyện này.
        [paid-media] Đồng chí vui lòng gửi ảnh, video không thu phí.
        [protected] Đồng chí vui lòng gửi lại nội dung thành tin nhắn mới (văn bản, ảnh hoặc tệp).
       *[other] Đồng chí vui lòng gửi nội dung thông báo dưới dạng văn bản, ảnh hoặc tệp.
    }
broadcast-uncopyable-again = Sau đó trả lời (reply) tin nhắn đó bằng lệnh /thongbao như trước.
broadcast-uncopyable-wait = Hệ thống vẫn chờ nội dung thông báo; bấm «Hủy» nếu không gửi nữa.
broadcast-button-send = 📤 Gửi
broadcast-not-yours = ℹ️ Chỉ thư ký đã soạn thông báo này mới gửi hoặc hủy được.
broadcast-started = 📤 Bắt đầu gửi thông báo {$id}.
broadcast-progress = 📤 Đang gửi thông báo {$id}: {$done}/{$total}…
broadcast-cancelled-draft = ✖️ Đã hủy thông báo {$id}. Không có tin nào được gửi.
broadcast-already-sending = Thông báo {$id} đang được gửi.
broadcast-already-done = Thông báo {$id} đã gửi xong.
broadcast-already-cancelled = Thông báo {$id} đã bị hủy.
broadcast-already-draft = Thông báo {$id} chưa được gửi.
broadcast-already-missing = Không tìm thấy thông báo {$id}.
broadcast-unknown = ℹ️ Không có thông báo «{$id}». Gửi /dsthongbao để xem các thông báo gần đây.
broadcast-cancel-done = 🛑 Đã dừng gửi thông báo {$id}. Đã gửi {$sent}/{$total} người nhận; phần còn lại sẽ không được gửi.
broadcast-report-done = ✅ Đã gửi thông báo {$id} tới {$sent}/{$total} người nhận.
broadcast-report-cancelled = 🛑 Thông báo {$id} đã dừng: đã gửi {$sent}/{$total} người nhận, {$dropped} người nhận không được gửi.
broadcast-report-failed = Không gửi được ({$count}):
broadcast-report-failure = • {$name} ({$reason})
broadcast-report-more = … và {$count} người nhận khác (danh sách đầy đủ ở tin nhắn sau).
broadcast-report-all-failures = Danh sách không gửi được thông báo {$id}:
broadcast-report-pin-failed = 📌 Không ghim được (hệ thống cần quyền quản trị nhóm để ghim; thông báo vẫn đã được gửi): {$names}
broadcast-ack-button = ✅ Đã nhận
broadcast-ack-done = ✅ Đã ghi nhận: đồng chí đã nhận thông báo {$id}.
broadcast-ack-again = Đồng chí đã xác nhận thông báo {$id} trước đó.
broadcast-ack-unknown = ℹ️ Thông báo này không còn trong hệ thống.
broadcast-ack-not-member = ℹ️ Chỉ thành viên của đơn vị nhận thông báo mới xác nhận được.
broadcast-status-draft = chưa gửi
broadcast-status-sending = đang gửi
broadcast-status-done = đã gửi xong
broadcast-status-cancelled = đã dừng
# Notices decided when they happen: Send on an old or no longer allowed draft, people who left before Send, "Received" only from recipients
broadcast-lost-role = ℹ️ Đồng chí không còn quyền gửi hay hủy thông báo {$id}: vai trò hoặc đơn vị của đồng chí đã thay đổi. Thông báo chưa được gửi.
broadcast-draft-expired = ⌛ Bản xem trước thông báo {$id} đã quá một ngày nên hết hạn; không có tin nào được gửi. Đồng chí vui lòng soạn lại bằng /thongbao.
broadcast-status-expired = hết hạn
broadcast-report-removed = 🚫 Không gửi cho {$count} người đã rời đơn vị nhận sau khi xem trước: {$names}
broadcast-ack-not-sent = ℹ️ Thông báo này chưa được gửi nên chưa xác nhận được.
broadcast-ack-not-recipient = ℹ️ Chỉ người nhận thông báo mới xác nhận được.
broadcasts-empty = Chưa có thông báo nào.
broadcasts-title = 📣 Thông báo gần đây:
broadcasts-line = • <b>{$id}</b> · {$when} · {$status} · đã gửi {$sent}/{$total} · lỗi {$failed} · chờ {$pending} · đã nhận {$acked}
acks-title = ✅ Xác nhận đã nhận thông báo {$id}: {$acked} người.
acks-unit = <b>{$unit}</b>: {$acked}/{$total} đã nhận
acks-yes = {"  "}✅ {$names}
acks-no = {"  "}⏳ {$names}
reason-blocked = người nhận đã chặn tin nhắn của hệ thống
reason-kicked = hệ thống đã bị đưa ra khỏi nhóm
reason-deactivated = tài khoản Telegram đã bị xóa
reason-no-private-chat = người nhận chưa mở tin nhắn riêng với hệ thống
reason-not-member = hệ thống không còn trong nhóm
reason-chat-not-found = nhóm không còn tồn tại
reason-rejected = Telegram từ chối tin nhắn
reason-unavailable = Telegram không nhận tin sau nhiều lần gửi lại
cmd-broadcast = Gửi thông báo tới các nhóm, đại biểu
cmd-broadcasts = Các thông báo gần đây và tiến độ gửi
cmd-acks = Ai đã nhận, ai chưa nhận thông báo
cmd-cancelbroadcast = Dừng gửi thông báo
args-broadcast = nhom|daibieu|tatca|MÃ_ĐƠN_VỊ… [ghim]
args-acks = B‹số›
args-cancelbroadcast = B‹số›

## Biểu mẫu (key: value) và hỏi từng bước
form-problems = ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:
form-missing = chưa có (bắt buộc)
form-duplicate-key = ghi hai lần
form-unknown-key = biểu mẫu không có thông tin «{$key}»
form-stray-line = dòng «{$line}» không thuộc thông tin nào; mỗi dòng ghi dạng «tên thông tin: nội dung», ví dụ «địa điểm: Hội trường A»
form-too-long = dài {$length} ký tự, quá giới hạn {$max} ký tự
form-too-many = quá số lượng cho phép (tối đa {$max})
# Long texts (issue 10): a list item over its limit names which one.
form-item-too-long = ý thứ {$n} dài {$length} ký tự, quá giới hạn {$max} ký tự
form-bad-link = cần một đường dẫn bắt đầu bằng https://
form-unknown-units = không có đơn vị {$codes}; gửi /donvi để xem mã đơn vị
form-bad-code = mã chỉ gồm chữ không dấu, chữ số và dấu - . _ (ví dụ DA-01)
form-unknown-proposal = không có đề án {$code}
form-bad-when = thời gian chưa đúng dạng; viết ví dụ 14h00 ngày 15/10, 2 giờ chiều thứ Sáu tuần sau hoặc 8h30 ngày mai
form-invalid-when = ngày giờ không tồn tại
form-past-when = thời gian đã qua
form-weekday-when = ngày {$date} là { $actual ->
        [0] Chủ nhật
        [1] thứ Hai
        [2] thứ Ba
        [3] thứ Tư
        [4] thứ Năm
        [5] thứ Sáu
       *[6] thứ Bảy
    }, không phải { $written ->
        [0] Chủ nhật
        [1] thứ Hai
        [2] thứ Ba
        [3] thứ Tư
        [4] thứ Năm
        [5] thứ Sáu
       *[6] thứ Bảy
    }; đề nghị kiểm tra lại ngày hoặc thứ
date-warning-weekend = ⚠️ Lưu ý: {$day} là ngày nghỉ cuối tuần.
date-warning-holiday = ⚠️ Lưu ý: {$day} là ngày nghỉ lễ {$holiday}.
date-warning-holiday-usual = ⚠️ Lưu ý: {$day} có thể là ngày nghỉ {$holiday}; lịch nghỉ chính thức do Chính phủ quyết định hằng năm.
holiday-new-year = Tết Dương lịch
holiday-tet-eve = Tết Nguyên đán ({$day} Tết)
holiday-tet = Tết Nguyên đán (mùng {$day} Tết)
holiday-hung-kings = Giỗ Tổ Hùng Vương (10/3 âm lịch)
holiday-victory = Ngày Chiến thắng (30/4)
holiday-labour = Ngày Quốc tế Lao động (1/5)
holiday-national-day = Quốc khánh (2/9)
form-bad-duration = cần số phút từ 1 đến 1440 (ví dụ 120 hoặc 1 giờ 30 phút)
form-bad-reminders = «{$bad}» chưa đúng cách ghi; ví dụ 1 ngày, 1 giờ hoặc 30 phút, hoặc «không» nếu không cần nhắc
wizard-step = Bước {$n}/{$total}.
wizard-skip = ⏭ Bỏ qua
wizard-cancelled = ✖️ Đã hủy, chưa có gì được lưu.
all-units = tất cả đơn vị
minutes = {$n} phút

## Cuộc họp
council-only = ℹ️ Việc này thuộc thẩm quyền của thư ký { council } (đơn vị {$unit}).
meeting-unknown = ℹ️ Không có cuộc họp «{$id}». Gửi /lichhop để xem các cuộc họp sắp tới.
meeting-id-missing = ℹ️ Thiếu mã cuộc họp (ví dụ M3). Gửi /lichhop để xem các cuộc họp sắp tới.
meeting-form-help =
    Cách tạo cuộc họp: gửi /taohop kèm các dòng «tên thông tin: nội dung» trong cùng tin nhắn, ví dụ:
    /taohop
    tiêu đề: Giao ban trực tuyến quý IV
    thời gian: 15/10 14:00
    thời lượng: 120
    địa điểm: Trụ sở { council }
    đường dẫn: https://meet.example.vn/giaoban
    đơn vị: tất cả (hoặc mã: BD HK)
    đề án: DA-01
    nội dung: Báo cáo tổng kết; Thảo luận dự thảo Đề án
    nhắc: 1 ngày, 1 giờ
    Bắt buộc: tiêu đề, thời gian. Gửi /taohop một mình trong tin nhắn riêng để nhập lần lượt từng thông tin.
meeting-edit-help =
    Cách sửa: /suahop {$id} kèm các dòng «tên thông tin: nội dung» cần đổi, ví dụ:
    /suahop {$id}
    thời gian: 18/10 08:30
field-meeting-title = Tiêu đề
field-meeting-when = Thời gian
field-meeting-duration = Thời lượng
field-meeting-place = Địa điểm
field-meeting-link = Đường dẫn họp trực tuyến
field-meeting-units = Đơn vị
field-meeting-proposal = Đề án
field-meeting-agenda = Nội dung
field-meeting-reminders = Nhắc lịch
wizard-intro-meeting = 📅 Tạo cuộc họp mới: đồng chí nhập lần lượt từng thông tin; bấm «Hủy» để dừng bất cứ lúc nào.
ask-meeting-title = Tiêu đề cuộc họp?
ask-meeting-when = Thời gian bắt đầu? (ví dụ 15/10 14:00)
ask-meeting-duration = Thời lượng, tính bằng phút? (mặc định 120)
ask-meeting-place = Địa điểm?
ask-meeting-link = Đường dẫn họp trực tuyến?
ask-meeting-units = Đơn vị dự họp? («tất cả» hoặc mã đơn vị, ví dụ BD HK; mặc định tất cả)
ask-meeting-proposal = Mã đề án được thảo luận (nếu có)?
ask-meeting-agenda = Nội dung cuộc họp? (mỗi ý một dòng hoặc cách nhau bằng dấu ;)
ask-meeting-reminders = Nhắc lịch trước bao lâu? (mặc định 1 ngày, 1 giờ trước giờ họp)
meeting-created = ✅ Đã tạo cuộc họp {$id}, họp lúc {$when}. Thông báo được gửi tới {$groups} nhóm. Sửa: /suahop {$id} · Hủy: /huyhop {$id}
meetings-empty = Không có cuộc họp nào sắp tới.
meetings-title = 📅 Các cuộc họp sắp tới:
meetings-line = • <b>{$id}</b> · {$when} · {$title} · {$answer}
meeting-details-title = 📅 CUỘC HỌP {$id}
meeting-your-answer = Trả lời của đồng chí: {$answer}. Trả lời: /dangky {$id} co|vang|duthay
rsvp-label-yes = tham dự
rsvp-label-no = vắng
rsvp-label-sub = cử người dự thay
rsvp-label-none = chưa trả lời
meeting-roster-title = 👥 Trả lời cuộc họp {$id} theo đơn vị:
meeting-roster-unit = <b>{$unit}</b>: {$answered}/{$total} đã trả lời
meeting-roster-silent = {"  "}⏳ Chưa trả lời: {$names}
meeting-is-cancelled = ℹ️ Cuộc họp {$id} đã bị hủy.
meeting-unchanged = ℹ️ Biểu mẫu không thay đổi gì ở cuộc họp {$id}: các giá trị trùng với hiện tại. Đồng chí ghi giá trị mới cho thông tin cần đổi.
meeting-edited = ✅ Đã cập nhật cuộc họp {$id}: thông báo trong các nhóm được sửa, các nhóm nhận tin về thay đổi, lịch nhắc được điều chỉnh.
meeting-cancel-done = ✅ Đã hủy cuộc họp {$id}; các nhóm đã được báo, lịch nhắc đã được gỡ.
meeting-ann-title = 📅 THÔNG BÁO CUỘC HỌP {$id}
meeting-ann-cancelled-title = 🚫 CUỘC HỌP {$id} ĐÃ BỊ HỦY
# Long texts (issue 10): the last message of an announcement too long for one, with the answers and buttons.
meeting-ann-card = 📅 Cuộc họp {$id} «{$title}»
meeting-when = 🕑 {$when} ({$duration} phút)
meeting-online = Trực tuyến: {$link}
meeting-proposal = 📄 Thảo luận dự thảo Đề án {$code}
meeting-agenda = 📋 Nội dung:
meeting-ask = Đề nghị các đồng chí xác nhận tham dự.
meeting-counts = Đã trả lời: {$yes} tham dự · {$no} vắng · {$sub} cử người dự thay · {$none} chưa trả lời
meeting-cancel-reason = Lý do: {$reason}
button-rsvp-yes = ✅ Tham dự
button-rsvp-no = ❌ Vắng
button-rsvp-sub = 👤 Cử người dự thay
meeting-remind-today = ⏰ Nhắc lịch: cuộc họp {$id} «{$title}» bắt đầu lúc {$time} hôm nay (còn {$left}).
meeting-remind-later = ⏰ Nhắc lịch: cuộc họp {$id} «{$title}» bắt đầu lúc {$when} (còn {$left}).
meeting-remind-many = ⏰ Nhắc lịch: {$count} cuộc họp sắp bắt đầu:
meeting-remind-many-day = ⏰ Nhắc lịch: {$count} cuộc họp sắp bắt đầu, ngày {$date}:
meeting-remind-item = • {$id} «{$title}» — {$when} (còn {$left})
meeting-nudge = Đồng chí chưa xác nhận tham dự cuộc họp {$id} «{$title}» lúc {$when}. Đồng chí vui lòng chọn:
meeting-changed = 🔁 Cuộc họp {$id} thay đổi {$field}: {$from} → {$to}.
meeting-cancelled-notice = 🚫 Cuộc họp {$id} «{$title}» đã bị hủy.
rsvp-not-member = ℹ️ Cuộc họp này dành cho thành viên các đơn vị được mời; đồng chí không thuộc các đơn vị đó. Nếu là đại biểu của đơn vị được mời, đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mời.
rsvp-started = ℹ️ Cuộc họp {$id} đã bắt đầu nên không thay đổi trả lời được nữa. Nếu vắng mặt, đồng chí vui lòng báo trực tiếp với thư ký.
rsvp-cancelled = ℹ️ Cuộc họp {$id} đã bị hủy nên không cần trả lời.
rsvp-done-yes = ✅ Đã ghi nhận: đồng chí tham dự cuộc họp {$id}.
rsvp-done-no = ✅ Đã ghi nhận: đồng chí vắng mặt tại cuộc họp {$id}.
rsvp-done-sub = ✅ Đã ghi nhận: đồng chí cử người dự thay tại cuộc họp {$id}.
rsvp-sub-saved = ✅ Đã ghi nhận: {$name} dự thay đồng chí tại cuộc họp {$id}.
rsvp-sub-see-private = ✅ Đã ghi nhận. Đồng chí vui lòng gửi họ tên người dự thay trong tin nhắn riêng với hệ thống.
rsvp-sub-ask = 👤 Đồng chí vui lòng gửi họ tên, chức vụ người dự thay cuộc họp {$id} trong tin nhắn tiếp theo.
rsvp-sub-use-command = Đã ghi nhận đồng chí cử người dự thay. Để ghi họ tên người dự thay, gửi: /dangky {$id} duthay Họ tên
rsvp-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /dangky M‹số› co|vang|duthay [họ tên người dự thay]
    Ví dụ: /dangky M3 duthay Nguyễn Văn A, Phó Chủ tịch HĐND
ics-caption = 📅 Lịch cuộc họp {$id}: mở tệp để thêm vào lịch của đồng chí.
# One rulebook (issue 11), meetings: a change that met other changes of the same meeting at the same moment, several times over.
meeting-busy = ℹ️ Cuộc họp {$id} vừa được thay đổi cùng lúc ở nơi khác nên chưa lưu được gì; đồng chí vui lòng gửi lại lệnh.
cmd-meetings = Các cuộc họp sắp tới
cmd-meeting = Chi tiết cuộc họp, ai đã trả lời
cmd-rsvp = Trả lời tham dự cuộc họp
cmd-ics = Tệp lịch (.ics) của cuộc họp
cmd-newmeeting = Tạo cuộc họp
cmd-editmeeting = Sửa cuộc họp
cmd-cancelmeeting = Hủy cuộc họp
args-meeting = M‹số›
args-rsvp = M‹số› co|vang|duthay [họ tên]
args-ics = M‹số›
args-newmeeting = + biểu mẫu
args-editmeeting = M‹số› + biểu mẫu
args-cancelmeeting = M‹số› [lý do]

## Đề án và góp ý
proposal-call-title = 📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN {$code}
proposal-link = 📎 Dự thảo: {$link}
proposal-sections = 📑 Các mục: {$sections}
proposal-deadline = ⏳ Hạn góp ý: {$when}
proposal-how = Cách góp ý: trả lời (reply) tin nhắn này, hoặc gửi /gopy {$code} #mục nội dung.
proposal-how-nosections = Cách góp ý: trả lời (reply) tin nhắn này, hoặc gửi /gopy {$code} nội dung.
proposal-how-agree = Đơn vị nhất trí, không có ý kiến: /nhattri {$code}
proposal-closed = đã hết hạn góp ý
proposal-due-today = hết hạn trong hôm nay
proposal-days-left = còn {$days} ngày
proposal-state = Tình trạng: {$left}.
proposal-unknown = ℹ️ Không có đề án «{$code}». Gửi /dean để xem các đề án.
proposal-code-missing = ℹ️ Thiếu mã đề án (ví dụ DA-01). Gửi /dean để xem các đề án.
proposal-form-help =
    Cách tạo đề án lấy ý kiến: gửi /taodean kèm các dòng «tên thông tin: nội dung» trong cùng tin nhắn, ví dụ:
    /taodean
    mã: DA-01
    tiêu đề: Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp
    tóm tắt: Dự thảo lần 2, gồm 3 phần
    đường dẫn: https://hdnd.example.vn/du-thao-da-01.pdf
    các mục: 1, 2, 3.1, 3.2
    hạn: 22/10 17:00
    đơn vị: tất cả
    Bắt buộc: mã, tiêu đề, hạn. Gửi /taodean một mình trong tin nhắn riêng để nhập lần lượt từng thông tin.
field-proposal-code = Mã đề án
field-proposal-title = Tiêu đề
field-proposal-summary = Tóm tắt
field-proposal-link = Đường dẫn dự thảo
field-proposal-sections = Các mục
field-proposal-deadline = Hạn góp ý
field-proposal-units = Đơn vị
form-code-taken = mã {$code} đã được dùng cho một đề án khác
form-bad-sections = ký hiệu mục «{$bad}» chưa đúng; ghi các mục như 1, 2, 3.1 hoặc II, a
wizard-intro-proposal = 📝 Tạo đề án lấy ý kiến: đồng chí nhập lần lượt từng thông tin; bấm «Hủy» để dừng bất cứ lúc nào.
ask-proposal-code = Mã đề án? (ví dụ DA-01)
ask-proposal-title = Tiêu đề đề án?
ask-proposal-summary = Tóm tắt nội dung dự thảo?
ask-proposal-link = Đường dẫn tới toàn văn dự thảo?
ask-proposal-sections = Các mục để góp ý? (ví dụ 1, 2, 3.1, 3.2)
ask-proposal-deadline = Hạn góp ý? (ví dụ 22/10 17:00)
ask-proposal-units = Đơn vị được lấy ý kiến? («tất cả» hoặc mã đơn vị; mặc định tất cả)
proposal-created = ✅ Đã tạo đề án {$code}, hạn góp ý {$when}. Lời đề nghị góp ý được gửi tới {$groups} nhóm.
proposals-empty = Chưa có đề án nào.
proposals-title = 📝 Các đề án:
proposals-line-open = • <b>{$code}</b> «{$title}» · đang lấy ý kiến, hạn {$when} ({$left}) · {$comments} ý kiến
proposals-line-closed = • <b>{$code}</b> «{$title}» · đã hết hạn {$when} · {$comments} ý kiến
proposal-counts-total = 📊 Ý kiến: {$active} (đã rút {$withdrawn})
proposal-counts-sections = Theo mục: {$list}
proposal-counts-units = Đơn vị đã góp ý: {$list}
proposal-counts-agreed = Đơn vị nhất trí, không có ý kiến: {$list}
proposal-counts-silent = Đơn vị chưa có ý kiến: {$list}
proposal-counts-responses = Tiếp thu, giải trình: {$none} chưa xử lý · {$accept} tiếp thu · {$partial} tiếp thu một phần · {$explain} giải trình
proposal-nudge = ⏳ Đề án {$code} «{$title}» hết hạn góp ý lúc {$when} ({$left}). Đơn vị chưa gửi ý kiến: đề nghị trả lời tin nhắn lấy ý kiến, gửi /gopy {$code} nội dung, hoặc /nhattri {$code} nếu nhất trí, không có ý kiến.
comment-section = mục {$section}
comment-general = ý kiến chung
comment-state-pending = chưa xử lý
comment-state-accept = đã tiếp thu
comment-state-partial = đã tiếp thu một phần
comment-state-explain = đã giải trình
comment-state-withdrawn = đã rút
comment-attachment = 📎 Kèm theo: {$name}
comment-photo = ảnh
comment-response-line = ↳ {$kind}: «{$text}»
response-kind-accept = Tiếp thu
response-kind-partial = Tiếp thu một phần
response-kind-explain = Giải trình
response-notice-accept = 📬 Ý kiến {$id} của đồng chí về Đề án {$code} đã được cơ quan soạn thảo tiếp thu: «{$text}»
response-notice-partial = 📬 Ý kiến {$id} của đồng chí về Đề án {$code} đã được cơ quan soạn thảo tiếp thu một phần: «{$text}»
response-notice-explain = 📬 Cơ quan soạn thảo giải trình về ý kiến {$id} của đồng chí đối với Đề án {$code}: «{$text}»
# Long texts (issue 10): the comment, quoted under the answer the author receives.
response-notice-comment = Nội dung ý kiến: «{$text}»
comment-not-member = ℹ️ Chỉ đại biểu và thư ký đã đăng ký mới gửi được ý kiến. Đồng chí cần đường dẫn mời từ thư ký đơn vị.
comment-no-open = ℹ️ Hiện không có đề án nào đang lấy ý kiến của đơn vị đồng chí. Gửi /dean để xem các đề án.
comment-which = ℹ️ Đơn vị đồng chí đang được lấy ý kiến về nhiều đề án ({$codes}). Đồng chí ghi mã đề án trong lệnh, ví dụ /gopy DA-01 nội dung.
comment-unit-not-targeted = ℹ️ Đề án {$code} không lấy ý kiến của đơn vị {$unit}.
comment-closed = ℹ️ Đề án {$code} đã hết hạn góp ý lúc {$when}. Ý kiến chưa được ghi nhận.
comment-bad-section = ℹ️ Dự thảo {$code} không có mục «{$section}». Các mục: {$sections}.
comment-no-sections = ℹ️ Dự thảo {$code} không chia mục; đồng chí gửi ý kiến không kèm #mục.
comment-empty = ℹ️ Ý kiến chưa có nội dung. Cách gửi: /gopy {$code} #mục nội dung góp ý.
comment-empty-nosections = ℹ️ Ý kiến chưa có nội dung. Cách gửi: /gopy {$code} nội dung góp ý.
respond-unknown = ℹ️ Không có ý kiến «{$id}». Gửi /dsgopy MÃ_ĐỀ_ÁN để xem các ý kiến.
quoted = «{$text}»
comment-too-long = ℹ️ Ý kiến dài {$length} ký tự, quá giới hạn {$max} ký tự. Đồng chí vui lòng chia thành nhiều ý kiến hoặc gửi kèm tệp.
comment-recorded = ✅ Đã ghi nhận ý kiến {$id} về Đề án {$code}. Sửa: /suagopy {$id} … · Rút: /rutgopy {$id}
comment-recorded-section = ✅ Đã ghi nhận ý kiến {$id} về Đề án {$code}, mục {$section}. Sửa: /suagopy {$id} … · Rút: /rutgopy {$id}
agree-done = ✅ Đã ghi nhận: đơn vị {$unit} nhất trí, không có ý kiến đối với Đề án {$code}.
agree-already = Đơn vị {$unit} đã báo nhất trí, không có ý kiến đối với Đề án {$code} trước đó.
mycomments-empty = Đồng chí chưa gửi ý kiến nào.
mycomments-title = 🗂 Ý kiến của đồng chí ({$count}):
comment-unknown = ℹ️ Không có ý kiến «{$id}» của đồng chí. Gửi /gopycuatoi để xem các ý kiến của mình.
comment-id-missing = ℹ️ Thiếu mã ý kiến (ví dụ C12).
comment-is-withdrawn = ℹ️ Ý kiến {$id} đã được rút.
comment-has-response = ℹ️ Ý kiến {$id} đã được cơ quan soạn thảo tiếp thu, giải trình nên không sửa hay rút được nữa.
editcomment-usage = ℹ️ Thiếu nội dung mới. Cách dùng: /suagopy {$id} nội dung mới
editcomment-done = ✅ Đã sửa ý kiến {$id}; nội dung cũ vẫn được lưu.
withdraw-done = ✅ Đã rút ý kiến {$id}. Ý kiến vẫn được lưu nhưng không đưa vào báo cáo.
comments-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /dsgopy MÃ_ĐỀ_ÁN [#mục] [MÃ_ĐƠN_VỊ] [trạng thái]
    Trạng thái: chuaxuly, tiepthu, motphan, giaitrinh, daxuly, darut.
comments-empty = Không có ý kiến nào phù hợp về Đề án {$code}.
comments-title = 🗂 Ý kiến về Đề án {$code} ({$count}):
respond-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /tiepthu C‹số› tiepthu|motphan|giaitrinh nội dung
    Ví dụ: /tiepthu C12 tiepthu Đã bổ sung vào mục 3.2 của dự thảo.
respond-done = ✅ Đã ghi nhận hình thức «{$kind}» cho ý kiến {$id}; người góp ý được thông báo riêng.
# One rulebook (issue 11), proposals and comments: a person's comments on one proposal stop at COMMENTS_PER_PERSON_MAX; a comment changed elsewhere at the same moment, several times over; a guided form finished after the deadline it gave.
comment-cap = ℹ️ Mỗi người gửi được tối đa {$max} ý kiến về Đề án {$code} và đồng chí đã gửi đủ. Ý kiến này chưa được ghi nhận; đồng chí có thể sửa ý kiến đã gửi bằng /suagopy.
comment-busy = ℹ️ Ý kiến {$id} vừa được thay đổi cùng lúc ở nơi khác nên chưa lưu được gì; đồng chí vui lòng gửi lại lệnh.
proposal-deadline-past = ℹ️ Hạn góp ý {$when} đã qua nên đề án chưa được tạo. Đồng chí vui lòng gửi lại với hạn mới.
report-usage = ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /baocao MÃ_ĐỀ_ÁN [docx|csv|md] [số: 12] [ký: PHÓ CHỦ TỊCH, Nguyễn Văn A] (mặc định docx; không ghi «ký:» thì người ký theo cấu hình)
report-caption = 📄 Báo cáo tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án {$code} ({$count} ý kiến).
report-committee = THƯỜNG TRỰC HĐND
report-committee-in-text = Thường trực {$council}
report-file-name = Bao-cao-tiep-thu-giai-trinh-{$code}
cmd-proposals = Các đề án đang lấy ý kiến
cmd-proposal = Chi tiết đề án, số ý kiến
cmd-comment = Gửi ý kiến góp ý
cmd-agree = Đơn vị nhất trí, không có ý kiến
cmd-mycomments = Các ý kiến đồng chí đã gửi
cmd-editcomment = Sửa ý kiến
cmd-withdraw = Rút ý kiến
cmd-comments = Danh sách ý kiến
cmd-newproposal = Tạo đề án lấy ý kiến
cmd-respond = Tiếp thu, giải trình ý kiến
cmd-report = Báo cáo tiếp thu, giải trình
args-proposal = MÃ_ĐỀ_ÁN
args-comment = [MÃ_ĐỀ_ÁN] [#mục] nội dung
args-agree = MÃ_ĐỀ_ÁN
args-mycomments = [MÃ_ĐỀ_ÁN]
args-editcomment = C‹số› nội dung mới
args-withdraw = C‹số›
args-comments = MÃ_ĐỀ_ÁN [#mục] [MÃ_ĐƠN_VỊ] [trạng thái]
args-newproposal = + biểu mẫu
args-respond = C‹số› tiepthu|motphan|giaitrinh nội dung
args-report = MÃ_ĐỀ_ÁN [docx|csv|md]

## Tóm tắt
summary-period-day = NGÀY {$date}
summary-period-week = TUẦN {$range}
summary-title = 📊 TÓM TẮT {$period} · {$unit}
summary-meetings = 📅 <b>Cuộc họp sắp tới</b>
summary-meeting = • {$id} · {$when} · «{$title}»: {$yes} tham dự · {$no} vắng · {$sub} cử người dự thay
summary-meeting-silent = {"  "}⏳ Chưa trả lời: {$names}
summary-proposals = 📝 <b>Dự thảo đang lấy ý kiến</b>
summary-proposal = • {$code} «{$title}» — hạn {$when} ({$left}) · đơn vị đã gửi {$comments} ý kiến, {$fresh} ý kiến mới từ lần tóm tắt trước
summary-proposal-agreed = {"  "}✅ Đơn vị đã báo nhất trí, không có ý kiến.
summary-proposal-commented = {"  "}Đơn vị đã có ý kiến.
summary-proposal-silent = {"  "}⚠️ Đơn vị chưa có ý kiến: gửi /gopy {$code} nội dung, hoặc /nhattri {$code}.
summary-responses = 📬 <b>Tiếp thu, giải trình ý kiến</b>
summary-response = • {$id} ({$author}, Đề án {$code}): {$kind} — «{$text}»
summary-notices = 📣 <b>Thông báo chưa xác nhận</b>
summary-notice = • {$id} ({$date}): {$pending}/{$total} chưa xác nhận — {$names}
summary-nothing-week = Tuần này không có việc cần chú ý.
summary-nothing = Hiện không có việc cần chú ý.
summary-council-title = 📊 TÓM TẮT TOÀN { $councilKind ->
        [tinh] TỈNH
       *[other] THÀNH PHỐ
    } · {$date}
summary-council-proposal = • {$code} «{$title}» — hạn {$when} ({$left}) · {$comments} ý kiến
summary-council-tally = {"  "}{$commented}/{$units} đơn vị đã góp ý · {$agreed} đơn vị nhất trí, không có ý kiến
summary-council-silent = {"  "}⚠️ Chưa có ý kiến ({$count}): {$list}
summary-council-all-heard = {"  "}✅ Tất cả đơn vị đã có ý kiến.
summary-council-meeting = • {$id} · {$when} · «{$title}»: {$answered}/{$expected} đã trả lời ({$yes} tham dự · {$no} vắng · {$sub} cử người dự thay)
summary-council-meeting-none = {"  "}⚠️ Chưa ai trả lời ({$count}): {$list}
summary-council-notices = 📣 <b>Thông báo</b>
summary-council-notice = • {$id} ({$date}): {$acked}/{$expected} đã xác nhận
summary-council-notice-none = {"  "}⚠️ Chưa ai xác nhận ({$count}): {$list}
summary-unit-no-group = ℹ️ Đơn vị {$unit} chưa liên kết nhóm nên chưa gửi được tóm tắt. Thư ký gửi /lienketnhom {$unit} trong nhóm của đơn vị.
summary-posted-in-group = 📊 Đã gửi tóm tắt của đơn vị {$unit} vào nhóm của đơn vị.
summary-recent = 📊 Tóm tắt mới nhất của đơn vị đã được gửi lúc {$time} (tin nhắn phía trên). Đồng chí có thể yêu cầu tóm tắt mới từ {$next}.
summary-recent-gone = 📊 Tóm tắt mới nhất của đơn vị đã được gửi lúc {$time}; tin nhắn đó không còn trong nhóm. Đồng chí có thể yêu cầu tóm tắt mới từ {$next}.
summary-recent-pending = 📊 Tóm tắt của đơn vị đang được gửi vào nhóm. Đồng chí vui lòng chờ trong giây lát.
summary-recent-in-group = 📊 Tóm tắt của đơn vị {$unit} đã được gửi vào nhóm của đơn vị lúc {$time}. Đồng chí có thể yêu cầu tóm tắt mới từ {$next}.
summary-not-linked = ℹ️ Nhóm này chưa được liên kết với đơn vị nào. Thư ký gửi /lienketnhom MÃ_ĐƠN_VỊ để liên kết.
summary-members-only = ℹ️ Chỉ thành viên của đơn vị mới xem được tóm tắt của đơn vị.
digest-current = 🗓 Lịch gửi tóm tắt của đơn vị {$unit}: {$schedule}.
digest-next = Lần gửi tiếp theo: {$when}.
digest-usage = Thư ký đổi lịch bằng: /lichtomtat tat | hangngay 08:00 | hangtuan thu6 16:00
digest-bad = ℹ️ Lịch chưa đúng: {$error}
    Cách dùng: /lichtomtat tat | hangngay 08:00 | hangtuan thu6 16:00
digest-error-empty = chưa ghi lịch
digest-error-kind = cần «tat», «hangngay» hoặc «hangtuan»
digest-error-time = giờ viết dạng HH:MM, ví dụ 16:00
digest-error-day = thứ trong tuần chưa đúng; ví dụ thu2, thu6, cn
digest-error-cron = biểu thức cron sai ở trường «{$field}»
digest-error-cron-fields = biểu thức cron cần 5 trường: phút giờ ngày tháng thứ
digest-error-seconds = biểu thức cron không có trường giây; cần đúng 5 trường: phút giờ ngày tháng thứ
digest-error-often = tóm tắt được gửi không quá một lần mỗi giờ, nên trường phút phải là một phút cụ thể (ví dụ 0 8 * * 1-5: 08:00 từ thứ Hai đến thứ Sáu)
cron-field-minute = phút
cron-field-hour = giờ
cron-field-day-of-month = ngày trong tháng
cron-field-month = tháng
cron-field-day-of-week = thứ trong tuần
digest-set = ✅ Lịch gửi tóm tắt của đơn vị {$unit}: {$schedule}.
schedule-off = tắt
schedule-daily = hằng ngày lúc {$time}
schedule-weekly = hằng tuần vào {$time} {$day}
schedule-cron = theo lịch đặt riêng ({$pattern})
cmd-summary = Tóm tắt việc cần chú ý
cmd-digest = Lịch gửi tóm tắt của nhóm
args-digest = tat|hangngay HH:MM|hangtuan THỨ HH:MM

## Báo cáo tiếp thu, giải trình (DOCX, CSV, MD)
report-committee-right-1 = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
report-committee-right-2 = Độc lập - Tự do - Hạnh phúc
report-place-date = {$place}, {$date}
report-title = BÁO CÁO
report-number = Số: {$number}/BC-{$suffix}
report-subtitle = Tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “{$title}”
report-basis = Ngày {$sent}, {$committee} đã gửi dự thảo Đề án “{$title}” đến {$units} đơn vị để xin ý kiến góp ý; thời hạn góp ý đến {$deadline}.
report-tally-units = Tính đến ngày {$date}, có {$commented} đơn vị góp ý với tổng số {$comments} ý kiến; {$agreed} đơn vị nhất trí, không có ý kiến khác; {$silent} đơn vị chưa có ý kiến.
report-tally-comments = Trong {$comments} ý kiến góp ý: tiếp thu {$accept} ý kiến, tiếp thu một phần {$partial} ý kiến, giải trình {$explain} ý kiến, chưa xử lý {$pending} ý kiến.
report-lead-in = Kết quả tiếp thu, giải trình cụ thể như sau:
report-closing = Trên đây là báo cáo tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “{$title}” của {$committee}./.
report-author = Thường trực HĐND {$unit} (đ/c {$name})
report-sign-on-behalf = TM. {$committee}
report-recipients = Nơi nhận:
report-recipient-above = - Như trên;
report-recipient-unit = - Thường trực HĐND {$unit};
report-recipient-kinds = - Thường trực HĐND các {$kinds} ({$count} đơn vị);
report-recipient-units = - Thường trực HĐND {$count} đơn vị được xin ý kiến;
report-recipient-archive = - Lưu: VT.
report-col-no = STT
report-col-comment = Nội dung góp ý
report-col-author = Đơn vị, đại biểu góp ý
report-col-response = Ý kiến tiếp thu, giải trình
report-section = Mục {$section}
report-general = Ý kiến chung
report-kind-accept = Tiếp thu
report-kind-partial = Tiếp thu một phần
report-kind-explain = Giải trình
report-no-response = Chưa có ý kiến tiếp thu, giải trình
report-agreed = Các đơn vị nhất trí, không có ý kiến: {$units}.
report-silent = Các đơn vị chưa có ý kiến: {$units}.
report-none = không có
report-csv-no = STT
report-csv-id = Mã ý kiến
report-csv-section = Mục
report-csv-comment = Nội dung góp ý
report-csv-unit = Đơn vị
report-csv-author = Đại biểu
report-csv-date = Ngày góp ý
report-csv-kind = Hình thức
report-csv-response = Nội dung tiếp thu, giải trình
button-stale = ℹ️ Nút này không còn hiệu lực. Đồng chí vui lòng dùng tin nhắn mới nhất hoặc gửi /huongdan.

## Quản trị viên ẩn danh của nhóm
anonymous-admin-command = ⚠️ Đồng chí đang gửi với tư cách quản trị viên ẩn danh của nhóm, nên hệ thống không xác định được người gửi và chưa thực hiện lệnh. Để sử dụng lệnh này, đồng chí vui lòng tắt chế độ «Ẩn danh» (Remain anonymous) trong quyền quản trị của mình rồi gửi lại, hoặc nhắn riêng cho hệ thống tại {$link}.
anonymous-admin-message = ⚠️ Đồng chí đang gửi với tư cách quản trị viên ẩn danh của nhóm, nên hệ thống không xác định được người gửi và chưa ghi nhận tin nhắn này. Để gửi ý kiến, đồng chí vui lòng tắt chế độ «Ẩn danh» (Remain anonymous) trong quyền quản trị của mình rồi gửi lại, hoặc nhắn riêng cho hệ thống tại {$link}.

## Đơn vị, thành viên, nhiệm kỳ ở quy mô toàn thành phố
cmd-importunits = Nạp danh sách đơn vị từ tệp CSV
cmd-inviteall = Tạo đường dẫn mời cho mọi đơn vị (tệp CSV, DOCX)
cmd-newterm = Bắt đầu nhiệm kỳ mới
args-units = [trang]
args-inviteall = daibieu|thuky [số lượt] [số ngày]
args-newterm = NĂM-NĂM
button-page-prev = ◀️ Trước
button-page-next = Sau ▶️
units-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /donvi [trang]
    Ví dụ: /donvi 2
units-head = 🏛 Danh sách đơn vị ({$count})
units-head-term = 🏛 Danh sách đơn vị ({$count}) · nhiệm kỳ {$term}
units-totals = Đã liên kết nhóm: {$linked} đơn vị · thành viên: {$members}
units-gone = ⚠️ Hệ thống không còn trong nhóm của {$count} đơn vị: {$list}. Thư ký đơn vị thêm lại vào nhóm để tiếp tục nhận thông tin.
list-page = Trang {$page}/{$pages} · xem tiếp: {$next}
members-page = Trang {$page}/{$pages}
members-file-name = thanh-vien
members-file-caption = 👥 Thành viên — {$scope}: {$count} người ({$secretaries} thư ký, {$delegates} đại biểu). Danh sách đầy đủ trong tệp đính kèm; xem từng đơn vị: /thanhvien MÃ_ĐƠN_VỊ.
members-col-unit = Mã đơn vị
members-col-unit-name = Tên đơn vị
members-col-name = Họ và tên
members-col-username = Tên Telegram
members-col-role = Vai trò
members-col-id = Mã Telegram
members-col-joined = Ngày tham gia
importunits-usage =
    Gửi tệp CSV danh sách đơn vị kèm chú thích /nhapdonvi, hoặc trả lời tin nhắn có tệp bằng /nhapdonvi.
    Tệp có dòng tiêu đề code,name,kind,official_code, ví dụ:
    HOANKIEM,Phường Hoàn Kiếm,phuong,00070
importunits-too-big = ℹ️ Tệp quá lớn: tệp danh sách đơn vị tối đa {$max} KB.
importunits-not-text = ℹ️ Tệp không phải văn bản UTF-8. Đề nghị lưu lại dưới dạng CSV UTF-8 rồi gửi lại.
importunits-invalid = ℹ️ Chưa nạp tệp: {$count} lỗi, danh sách đơn vị chưa thay đổi.
importunits-more = … và {$count} lỗi khác.
importunits-example =
    Tệp cần có dòng tiêu đề code,name,kind (official_code nếu có), mỗi đơn vị một dòng, ví dụ:
    HOANKIEM,Phường Hoàn Kiếm,phuong,00070
importunits-problem-header = • Dòng {$line}: dòng tiêu đề phải có các cột code, name, kind.
importunits-problem-columns = • Dòng {$line}: thiếu cột so với dòng tiêu đề.
importunits-problem-quote = • Dòng {$line}: dấu ngoặc kép mở nhưng không đóng.
importunits-problem-empty = • Dòng {$line}: tệp không có đơn vị nào.
importunits-problem-too-many = • Dòng {$line}: tệp có quá nhiều dòng (tối đa 5000 đơn vị).
importunits-problem-code = • Dòng {$line}: mã «{$value}» không hợp lệ; mã đơn vị gồm 1–10 chữ cái A–Z hoặc chữ số, viết liền, không dấu.
importunits-problem-name-empty = • Dòng {$line}: thiếu tên đơn vị.
importunits-problem-name = • Dòng {$line}: tên đơn vị «{$value}…» dài quá 120 ký tự hoặc có ký tự điều khiển.
importunits-problem-kind = • Dòng {$line}: loại đơn vị «{$value}» không hợp lệ; dùng một trong: {$kinds}.
importunits-problem-official-code = • Dòng {$line}: mã hành chính «{$value}» không hợp lệ; mã gồm các chữ số.
importunits-problem-duplicate-code = • Dòng {$line}: mã {$value} trùng với dòng {$first}.
importunits-problem-duplicate-official = • Dòng {$line}: mã hành chính {$value} trùng với dòng {$first}.
importunits-done = ✅ Đã nạp danh sách đơn vị ({$rows} dòng).
importunits-created = • Tạo mới: {$count} đơn vị
importunits-renamed = • Đổi tên: {$count} đơn vị
importunits-renamed-line = {"  "}{$unit}: «{$from}» → «{$to}»
importunits-updated = • Cập nhật loại đơn vị, mã hành chính: {$count} đơn vị ({$list})
importunits-unchanged = • Giữ nguyên: {$count} đơn vị
importunits-missing = ⚠️ {$count} đơn vị có trong hệ thống nhưng không có trong tệp; các đơn vị này được giữ nguyên, không bị xóa:
importunits-missing-line = {"  "}{$unit} — {$unitName}
inviteall-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /moitatca daibieu|thuky [số lượt] [số ngày]
    Ví dụ: /moitatca thuky — mỗi đơn vị một đường dẫn mời thư ký, dùng 1 lượt, hết hạn sau 7 ngày.
    Số lượt từ 1 đến 1000 (mặc định: thư ký 1, đại biểu 30), số ngày từ 1 đến 90.
inviteall-done = 🔗 Đã tạo {$count} đường dẫn mời {$role}, mỗi đơn vị một đường dẫn ({$uses} lượt, hết hạn {$expires}). Danh sách trong hai tệp đính kèm (CSV, DOCX). Đề nghị chỉ gửi mỗi đường dẫn cho đơn vị của đường dẫn đó; thu hồi: /huymoi MÃ_ĐƠN_VỊ.
inviteall-refused = ⚠️ Chưa tạo được cho {$count} đơn vị: {$list}.
invitefile-title = DANH SÁCH ĐƯỜNG DẪN MỜI THAM GIA HỆ THỐNG GIAO BAN
invitefile-subtitle = Vai trò: {$role} · {$count} đơn vị · mỗi đường dẫn {$uses} lượt · hết hạn {$expires} · lập ngày {$date}
invitefile-note = Mỗi đường dẫn chỉ dùng cho đơn vị ghi cùng dòng. Người nhận mở đường dẫn trong Telegram và bấm «Bắt đầu».
invitefile-col-no = STT
invitefile-col-unit = Mã đơn vị
invitefile-col-unit-name = Tên đơn vị
invitefile-col-role = Vai trò
invitefile-col-link = Đường dẫn mời
invitefile-col-code = Mã đường dẫn
invitefile-col-uses = Số lượt
invitefile-col-expires = Hết hạn
invitefile-name-delegate = duong-dan-moi-dai-bieu
invitefile-name-secretary = duong-dan-moi-thu-ky
revokeinvite-unit-done = ✅ Đã thu hồi {$count} đường dẫn mời của đơn vị {$unit}: {$codes}.
revokeinvite-unit-none = ℹ️ Đơn vị {$unit} không có đường dẫn mời nào còn hiệu lực để thu hồi.
revokeinvite-unit-kept = Còn {$count} đường dẫn mời thư ký của đơn vị; chỉ quản trị viên thu hồi được.
newterm-usage =
    ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /nhiemkymoi NĂM-NĂM
    Ví dụ: /nhiemkymoi 2026-2031
newterm-not-later = ℹ️ Nhiệm kỳ hiện tại là {$term}; nhiệm kỳ mới phải bắt đầu sau năm đầu của nhiệm kỳ này.
newterm-stale = ℹ️ Yêu cầu xác nhận này không còn hiệu lực. Đề nghị gửi lại /nhiemkymoi.
newterm-no-current = chưa ghi nhận
newterm-preview = Bắt đầu nhiệm kỳ {$term}? Nhiệm kỳ hiện tại: {$current}.
newterm-preview-members = • {$secretaries} thư ký và {$delegates} đại biểu của {$units} đơn vị sẽ không còn vai trò trong hệ thống; mỗi người được báo riêng. Hồ sơ của họ vẫn được lưu trong dữ liệu xuất và báo cáo; tên của họ vẫn hiện ở các ý kiến, trả lời tham dự đã gửi.
newterm-preview-nobody = • Chưa có thành viên nào ngoài quản trị viên; không ai bị thay đổi vai trò.
newterm-preview-invites = • {$invites} đường dẫn mời còn hiệu lực sẽ bị thu hồi.
newterm-preview-keep = • Các đơn vị và nhóm đã liên kết giữ nguyên. Quản trị viên không bị ảnh hưởng.
newterm-cancelled = Đã hủy. Nhiệm kỳ {$term} chưa bắt đầu, không có gì thay đổi.
newterm-done = ✅ Đã bắt đầu nhiệm kỳ {$term}.
newterm-done-members = {$secretaries} thư ký và {$delegates} đại biểu của nhiệm kỳ trước đã chuyển sang danh sách thành viên nhiệm kỳ trước; hệ thống đang báo riêng cho từng người.
newterm-done-invites = Đã thu hồi {$invites} đường dẫn mời.
newterm-done-next = Tiếp theo: /moitatca thuky để mời thư ký các đơn vị.
newterm-told = Nhiệm kỳ {$term} của HĐND đã bắt đầu. Vai trò {$role} đơn vị {$unit} của đồng chí trong hệ thống Giao Ban kết thúc cùng nhiệm kỳ trước; các ý kiến và trả lời đồng chí đã gửi vẫn được lưu. Nếu đồng chí tiếp tục tham gia nhiệm kỳ mới, thư ký đơn vị sẽ gửi đường dẫn mời mới.
whoami-term = Nhiệm kỳ: {$term}

## Bàn làm việc (trang web cho tổ soạn thảo và thư ký)
cmd-desk = bàn làm việc trên trang web: tiếp thu, giải trình ý kiến hàng loạt, báo cáo
desk-link = 🖥 Đường dẫn mở bàn làm việc (dùng một lần, trong {$minutes} phút): {$link}
    Đề nghị đồng chí không chuyển đường dẫn này cho người khác.
desk-button-webapp = 🖥 Mở bàn làm việc
desk-button-browser = 🌐 Mở trong trình duyệt
desk-menu-button = Bàn làm việc
desk-not-configured = Bàn làm việc chưa được thiết lập (thiếu DESK_URL). Đề nghị đồng chí báo quản trị viên.
remind-too-soon = Các đơn vị chưa có ý kiến về Đề án {$code} vừa được nhắc. Mỗi {$minutes} phút chỉ nhắc một lần.
desk-title = Bàn làm việc
desk-skip = Chuyển đến nội dung chính
desk-nav-label = Mục chính
desk-nav-proposals = Đề án
desk-nav-meetings = Cuộc họp
desk-nav-notices = Thông báo
desk-nav-history = Nhật ký
desk-logout = Đăng xuất
desk-landing-intro = Bàn làm việc dành cho tổ soạn thảo và thư ký: xem ý kiến góp ý theo mục, theo đơn vị; tiếp thu, giải trình nhiều ý kiến một lần; tải báo cáo.
desk-landing-how = Để đăng nhập, đồng chí gửi {$command} trong tin nhắn riêng với hệ thống và mở đường dẫn nhận được, hoặc bấm nút «Bàn làm việc» trong Telegram.
desk-landing-open-bot = Mở Telegram
desk-webapp-checking = Đang xác thực qua Telegram…
desk-webapp-missing = Không có dữ liệu xác thực của Telegram. Đồng chí vui lòng mở bàn làm việc từ nút trong Telegram.
desk-webapp-forged = Dữ liệu xác thực không hợp lệ. Đồng chí vui lòng mở lại bàn làm việc từ nút trong Telegram.
desk-webapp-stale = Dữ liệu xác thực đã quá hạn. Đồng chí vui lòng đóng và mở lại bàn làm việc từ Telegram.
desk-webapp-no-user = Dữ liệu xác thực không có thông tin người dùng. Đồng chí vui lòng mở bàn làm việc từ tin nhắn riêng với hệ thống.
desk-login-title = Đăng nhập bàn làm việc
desk-login-text = Đường dẫn này chỉ dùng được một lần.
desk-login-button = Vào bàn làm việc
desk-link-invalid-title = Đường dẫn không còn hiệu lực
desk-link-invalid = Đường dẫn đăng nhập đã được sử dụng hoặc đã hết hạn. Đồng chí gửi {$command} trong tin nhắn riêng với hệ thống để nhận đường dẫn mới.
desk-too-many = Có quá nhiều lần đăng nhập trong thời gian ngắn. Đồng chí vui lòng thử lại sau 10 phút.
desk-session-ended-title = Phiên làm việc đã kết thúc
desk-session-ended = Phiên làm việc đã hết hạn hoặc đã đăng xuất. Đồng chí vui lòng đăng nhập lại.
desk-not-member = Đồng chí không còn là thành viên của hệ thống nên phiên làm việc đã kết thúc.
desk-for-secretaries-title = Bàn làm việc dành cho thư ký
desk-for-secretaries = Bàn làm việc dành cho thư ký và tổ soạn thảo. Đại biểu góp ý, xem và sửa ý kiến của mình ngay trong Telegram (/gopy, /gopycuatoi).
desk-refused-title = Không thực hiện được
desk-csrf = Yêu cầu thiếu mã xác nhận của phiên làm việc nên không được thực hiện. Đồng chí vui lòng tải lại trang và thao tác lại.
desk-not-found = Không tìm thấy trang
desk-error = Có lỗi trong khi xử lý. Đồng chí vui lòng thử lại.
desk-back = Quay lại
desk-all = Tất cả
desk-filter = Lọc
desk-search = Tìm trong nội dung
desk-pages = Các trang
desk-prev = ‹ Trang trước
desk-next = Trang sau ›
desk-page-of = Trang {$page}/{$pages}
desk-proposals-title = Đề án lấy ý kiến
desk-proposals-empty = Chưa có đề án nào.
desk-col-code = Mã
desk-col-id = Mã
desk-col-title = Tên
desk-col-state = Tình trạng
desk-col-deadline = Hạn góp ý
desk-col-comments = Ý kiến
desk-col-pending = Chưa xử lý
desk-col-withdrawn = Đã rút
desk-col-section = Mục
desk-col-unit = Đơn vị
desk-col-unit-name = Tên đơn vị
desk-col-participation = Tham gia
desk-col-author = Đại biểu góp ý
desk-col-text = Nội dung
desk-col-date = Ngày
desk-col-proposal = Đề án
desk-col-time = Thời gian
desk-col-sent = Đã gửi
desk-col-acked = Đã nhận
desk-col-waiting = Chưa xác nhận
desk-proposal-open = đang lấy ý kiến, {$left}
desk-proposal-closed = đã hết hạn góp ý
desk-proposal-heading = Đề án {$code}
desk-deadline = Hạn góp ý: {$when}
desk-open-comments = Danh sách ý kiến ({$count})
desk-report-docx = Báo cáo (DOCX)
desk-report-csv = Bảng ý kiến (CSV)
desk-by-section = Theo mục
desk-by-handling = Theo tình trạng tiếp thu, giải trình
desk-by-unit = Theo đơn vị
desk-no-section = Ý kiến chung (không ghi mục)
desk-state-active = Tất cả ý kiến (trừ ý kiến đã rút)
desk-state-pending = Chưa tiếp thu, giải trình
desk-state-accept = Tiếp thu
desk-state-partial = Tiếp thu một phần
desk-state-explain = Giải trình
desk-state-responded = Đã tiếp thu, giải trình
desk-state-withdrawn = Đã rút
desk-part-commented = đã góp ý
desk-part-agreed = nhất trí, không có ý kiến
desk-part-silent = chưa có ý kiến
desk-part-tally = Đã góp ý: {$commented} · Nhất trí, không có ý kiến: {$agreed} · Chưa có ý kiến: {$silent}
desk-remind-button = Nhắc {$silent} đơn vị chưa có ý kiến
desk-remind-hint = Gửi lời nhắc hạn góp ý tới nhóm Thường trực của các đơn vị này, như lời nhắc tự động trước hạn.
desk-reminded = Đã gửi lời nhắc tới {$count} nhóm Thường trực.
desk-comments-title = Ý kiến góp ý Đề án {$code}
desk-back-proposal = ‹ Đề án {$code}
desk-back-comments = ‹ Ý kiến góp ý Đề án {$code}
desk-comments-count = Có {$count} ý kiến phù hợp.
desk-comments-none = Không có ý kiến nào phù hợp với điều kiện lọc.
desk-pick = Chọn ý kiến {$id}
desk-pick-all = Chọn tất cả ý kiến trên trang này
desk-bulk-legend = Tiếp thu, giải trình các ý kiến đã chọn
desk-bulk-hint = Đánh dấu các ý kiến trong bảng, chọn hình thức và nội dung. Tác giả của từng ý kiến được thông báo riêng.
desk-wording-pick = Nội dung đã lưu
desk-wording-text = Nội dung tiếp thu, giải trình
desk-wording-save = Lưu nội dung này để dùng lại cho đề án
desk-bulk-apply = Ghi nhận cho các ý kiến đã chọn
desk-bulk-title = Kết quả tiếp thu, giải trình
desk-bulk-done = Đã ghi nhận «{$kind}» cho {$count} ý kiến: {$ids}.
desk-bulk-told = Tác giả của từng ý kiến đã được thông báo riêng.
desk-bulk-none = Đồng chí chưa chọn ý kiến nào.
desk-bulk-too-many = Mỗi lần ghi nhận được tối đa {$max} ý kiến.
desk-bulk-no-text = Đồng chí vui lòng nhập nội dung tiếp thu, giải trình hoặc chọn nội dung đã lưu.
desk-bulk-no-kind = Đồng chí vui lòng chọn hình thức: tiếp thu, tiếp thu một phần hoặc giải trình.
desk-comment-title = Ý kiến {$id}
desk-comment-text = Nội dung góp ý
desk-edited = sửa lúc {$when}
desk-attachment = 📎 Tải tệp kèm theo: {$name}
desk-photo = ảnh
desk-no-attachment = Ý kiến này không có tệp kèm theo.
desk-attachment-failed = Chưa tải được tệp kèm theo từ Telegram. Đồng chí vui lòng thử lại sau.
desk-edits = Các lần sửa (nội dung trước khi sửa)
desk-response = Tiếp thu, giải trình
desk-respond-one = Tiếp thu, giải trình ý kiến này
desk-respond-again = Sửa nội dung tiếp thu, giải trình
desk-respond-apply = Ghi nhận
desk-audit = Lịch sử thay đổi
desk-audit-none = Chưa có thay đổi nào được ghi lại.
desk-meetings-title = Cuộc họp sắp tới
desk-meetings-empty = Không có cuộc họp nào sắp tới.
desk-meeting-title = Cuộc họp {$id}
desk-meeting-cancelled = đã hủy
desk-answers-by-unit = Trả lời theo đơn vị
desk-roster-none = Chưa có thành viên nào trong các đơn vị đồng chí theo dõi.
desk-notices-title = Thông báo gần đây
desk-notices-empty = Chưa có thông báo nào.
desk-notice-title = Thông báo {$id}
desk-acked-total = {$count} người đã xác nhận
desk-acks-by-unit = Xác nhận theo đơn vị
desk-acks-none = Không có người nhận nào trong các đơn vị đồng chí theo dõi.
desk-history-title = Nhật ký thay đổi
desk-history-kind = Loại
desk-history-export = Tải nhật ký (CSV)
desk-history-council = Nhật ký thay đổi chỉ dành cho thư ký { council } và quản trị viên.
desk-history-file = nhat-ky-thay-doi

## History (audit trail): /history, /lichsu, the CSV export
cmd-history = Lịch sử thay đổi (ai, khi nào, trước → sau)
args-history = [C‹số›|M‹số›|MÃ_ĐỀ_ÁN|MÃ_ĐƠN_VỊ]
history-title = 🕘 Nhật ký thay đổi gần đây ({$shown}/{$total} thay đổi):
history-title-entity = 🕘 Lịch sử thay đổi của {$what} ({$total} thay đổi):
history-earlier = Chỉ hiển thị các thay đổi gần nhất; {$count} thay đổi trước đó có trong tệp xuất nhật ký.
history-empty = Chưa có thay đổi nào được ghi lại.
history-empty-entity = {$what} chưa có thay đổi nào được ghi lại.
history-unknown =
    Không tìm thấy «{$ref}». Đồng chí ghi mã ý kiến, cuộc họp, thông báo, lời mời, đề án, đơn vị hoặc mã người dùng, ví dụ:
    /lichsu C12 · /lichsu M3 · /lichsu DA-01 · /lichsu BD
history-line = <b>{$when}</b> · {$who}{$via}
    {$what}
history-what = {$action}: {$what}
history-who = {$name} ({$role}, {$unit})
history-change = {$field}: {$before} → {$after}
history-change-set = {$field}: {$after}
history-change-was = {$field}: {$before} (đã xóa)
history-yes = có
history-no = không
history-via-telegram = {""}
history-via-desk = {" "}(trên bàn làm việc)
history-via-job = {" "}(hệ thống tự động)
history-via-cli = {" "}(công cụ quản trị)
history-channel-telegram = Telegram
history-channel-desk = Bàn làm việc
history-channel-job = Hệ thống tự động
history-channel-cli = Công cụ quản trị
history-kind-comment = ý kiến {$id}
history-kind-meeting = cuộc họp {$id}
history-kind-proposal = đề án {$id}
history-kind-notice = thông báo {$id}
history-kind-unit = đơn vị {$id}
history-kind-member = người dùng mã {$id}
history-kind-invite = lời mời {$id}
history-kind-name-comment = Ý kiến
history-kind-name-meeting = Cuộc họp
history-kind-name-proposal = Đề án
history-kind-name-notice = Thông báo
history-kind-name-unit = Đơn vị
history-kind-name-member = Người dùng
history-kind-name-invite = Lời mời
history-action-meeting-create = Tạo cuộc họp
history-action-meeting-edit = Sửa cuộc họp
history-action-meeting-cancel = Hủy cuộc họp
history-action-meeting-rsvp = Trả lời dự họp
history-action-proposal-create = Tạo đề án lấy ý kiến
history-action-proposal-agree = Nhất trí, không có ý kiến
history-action-comment-create = Gửi ý kiến góp ý
history-action-comment-edit = Sửa ý kiến góp ý
history-action-comment-withdraw = Rút ý kiến góp ý
history-action-comment-respond = Tiếp thu, giải trình
history-action-notice-draft = Soạn thông báo
history-action-notice-send = Gửi thông báo
history-action-notice-cancel = Hủy thông báo
history-action-notice-ack = Xác nhận đã nhận thông báo
history-action-unit-add = Thêm, đổi tên đơn vị
history-action-group-link = Liên kết nhóm với đơn vị
history-action-group-unlink = Hủy liên kết nhóm
history-action-member-remove = Xóa thành viên
history-action-invite-create = Tạo lời mời
history-action-invite-use = Tham gia theo lời mời
history-action-invite-revoke = Thu hồi lời mời
history-action-lang-set = Đổi ngôn ngữ
history-action-digest-set = Đặt lịch gửi tóm tắt
history-field-title = Tiêu đề
history-field-startsAt = Thời gian
history-field-durationMin = Thời lượng (phút)
history-field-place = Địa điểm
history-field-link = Đường dẫn
history-field-units = Đơn vị
history-field-proposal = Đề án
history-field-agenda = Nội dung họp
history-field-remindersMs = Nhắc trước
history-field-status = Trạng thái
history-field-cancelReason = Lý do hủy
history-field-answer = Trả lời
history-field-sub = Người dự thay
history-field-summary = Tóm tắt
history-field-sections = Các mục
history-field-deadline = Hạn góp ý
history-field-agreed = Đơn vị nhất trí
history-field-section = Mục
history-field-text = Nội dung
history-field-attachment = Tệp kèm theo
history-field-response = Tiếp thu, giải trình
history-field-recipients = Số nơi nhận
history-field-received = Đã nhận (đơn vị)
history-field-name = Tên
history-field-group = Nhóm
history-field-role = Vai trò
history-field-unit = Đơn vị
history-field-invite = Lời mời
history-field-uses = Số lượt dùng
history-field-expiresAt = Hết hạn
history-field-lang = Ngôn ngữ
history-field-schedule = Lịch gửi tóm tắt
history-status-scheduled = đã lên lịch
history-status-cancelled = đã hủy
history-status-active = còn hiệu lực
history-status-withdrawn = đã rút
history-status-draft = bản nháp
history-status-sending = đang gửi
history-status-done = đã gửi xong
history-status-live = còn hiệu lực
history-status-revoked = đã thu hồi
history-csv-id = Số thứ tự
history-csv-time = Thời gian
history-csv-person = Người thực hiện
history-csv-person-id = Mã người dùng
history-csv-role = Vai trò
history-csv-unit = Đơn vị
history-csv-action = Thao tác
history-csv-action-code = Mã thao tác
history-csv-record = Đối tượng
history-csv-record-id = Mã đối tượng
history-csv-field = Nội dung thay đổi
history-csv-before = Trước
history-csv-after = Sau
history-csv-via = Kênh

## Zalo: what Zalo shows in place of Telegram's buttons, files and menus (src/zalo, jobs/deliver-zalo.ts)
zalo-answer-meeting = 👉 Trả lời 1 để tham dự, 2 nếu vắng, 3 để cử người dự thay (cuộc họp {$id}).
zalo-answer-meeting-group = 👉 Trả lời cuộc họp {$id}: gửi /dangky {$id} co (tham dự), /dangky {$id} vang (vắng) hoặc /dangky {$id} cu Họ tên (cử người dự thay).
zalo-answer-notice = 👉 Trả lời «đã nhận» để xác nhận đồng chí đã nhận thông báo {$id}.
zalo-answer-notice-group = 👉 Mỗi đồng chí xác nhận đã nhận thông báo {$id} bằng tin nhắn riêng tới hệ thống: «đã nhận {$id}».
zalo-answer-invite = 👉 Trả lời «đồng ý» để xác nhận, hoặc «hủy» để giữ nguyên như hiện nay.
zalo-notice-head = 📢 Thông báo {$id}
zalo-notice-no-text = (Thông báo gồm tệp đính kèm.)
zalo-notice-file = 📎 Tệp đính kèm: {$link} (đường dẫn dùng được đến {$until})
zalo-notice-file-off = 📎 Thông báo có tệp đính kèm; hệ thống chưa được cấu hình địa chỉ công khai nên chưa gửi được tệp qua Zalo. Đồng chí vui lòng liên hệ thư ký đơn vị.
zalo-link = 📎 {$what}: {$link}
    Đường dẫn dành riêng cho đồng chí, dùng được đến {$until}.
zalo-link-ics = Lịch cuộc họp {$id} (tệp .ics, mở để thêm vào lịch)
zalo-link-report = Báo cáo tiếp thu, giải trình ý kiến góp ý dự thảo Đề án {$code} ({$count} ý kiến, tệp {$format})
zalo-links-off = ℹ️ Hệ thống chưa được cấu hình địa chỉ công khai (PUBLIC_URL) nên chưa gửi được tệp qua Zalo. Đồng chí vui lòng liên hệ quản trị viên.
zalo-no-meeting = Chưa có thông báo cuộc họp nào gửi tới đồng chí để trả lời. Đồng chí có thể gửi: /dangky M3 co (hoặc vang, cu Họ tên).
zalo-no-notice = Chưa có thông báo nào gửi tới đồng chí để xác nhận.
zalo-start-guest =
    Xin chào đồng chí {$name}.
    Giao Ban là hệ thống giúp Thường trực HĐND thông báo cuộc họp, lấy ý kiến góp ý dự thảo, gửi thông báo và tóm tắt định kỳ.
    Để tham gia, đồng chí gửi mã mời do thư ký đơn vị cung cấp vào cuộc trò chuyện này.
zalo-help-footer = Trên Zalo: trả lời 1, 2, 3 cho thông báo cuộc họp; trả lời «đã nhận» cho thông báo; báo cáo và lịch họp được gửi bằng đường dẫn tải tệp.
zalo-whoami-id = Mã thành viên: {$id}
zalo-units-private = Zalo: {$count} thành viên nhận tin của nhóm bằng tin nhắn riêng
zalo-group-title = Nhóm Zalo của đơn vị {$unit}
zalo-unit-members-title = Zalo: tin nhắn riêng tới từng thành viên
zalo-linkgroup-private-done = ✅ Tài khoản Zalo của hệ thống không tham gia được nhóm, nên tin của đơn vị {$unit} — {$unitName} (thông báo, lịch họp, nhắc họp, lấy ý kiến, tóm tắt) sẽ được gửi riêng tới từng thành viên dùng Zalo.
zalo-text-only = Hệ thống chỉ nhận tin nhắn dạng chữ. Gửi /huongdan để xem các lệnh.
zalo-see-help = Gửi /huongdan để xem các lệnh dùng được trên Zalo.
zalo-telegram-only = ℹ️ Lệnh {$command} hiện chỉ dùng được trên Telegram. Gửi /huongdan để xem các lệnh dùng được trên Zalo.
zalo-private-only = 📩 Lệnh này dùng trong cuộc trò chuyện riêng với hệ thống.
zalo-unknown-text = Tin nhắn này không khớp với lệnh hay câu trả lời nào. Đồng chí có thể trả lời 1, 2 hoặc 3 cho thông báo cuộc họp gần nhất, «đã nhận» cho thông báo gần nhất, gửi mã mời để tham gia, hoặc gửi /huongdan để xem các lệnh.
invite-link-zalo = Trên Zalo: người được mời gửi mã sau cho tài khoản Zalo của hệ thống: {$token}
history-via-zalo = {" "}(trên Zalo)
zalo-invite =
    🔗 Mã mời {$role} đơn vị {$unit} — {$unitName} ({$code})
    Dùng được {$uses} lượt, hết hạn lúc {$expires}.
    Đồng chí chuyển mã sau cho người được mời; trên Zalo, người đó gửi mã cho tài khoản Zalo của hệ thống; trên Telegram, gửi /start và mã cho hệ thống.
    {$token}
zalo-wizard-intro-meeting = 📅 Tạo cuộc họp mới: đồng chí trả lời lần lượt từng câu hỏi.
zalo-wizard-intro-proposal = 📝 Tạo đề án lấy ý kiến: đồng chí trả lời lần lượt từng câu hỏi.
zalo-wizard-skip = 👉 Trả lời «bỏ qua» nếu không có, hoặc «hủy» để dừng.
zalo-wizard-cancel = 👉 Thông tin này bắt buộc; trả lời «hủy» để dừng.
cmd-zalo = liên kết tài khoản Zalo với tài khoản này
zalo-link-code =
    🔗 Mã liên kết Zalo: {$code}
    Đồng chí gửi mã này cho tài khoản Zalo của hệ thống trong {$minutes} phút. Sau đó tài khoản Zalo của đồng chí dùng chung vai trò, đơn vị với tài khoản Telegram này; thông báo của hệ thống vẫn gửi qua Telegram. Mã chỉ dùng được một lần.
zalo-link-off = ℹ️ Hệ thống chưa kết nối Zalo.
zalo-link-not-member = ℹ️ Chỉ thành viên đã tham gia đơn vị mới liên kết được tài khoản Zalo.
zalo-link-unknown = ℹ️ Mã liên kết không đúng hoặc đã hết hạn. Đồng chí gửi /lienketzalo trên Telegram để lấy mã mới.
zalo-link-member-already = ℹ️ Tài khoản Zalo này đã là thành viên riêng của hệ thống nên không liên kết được. Đồng chí vui lòng liên hệ quản trị viên.
zalo-link-done = ✅ Đã liên kết: trên Zalo, đồng chí là {$role} đơn vị {$unit}, như trên Telegram.
