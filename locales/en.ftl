# Giao Ban — English (second language).

## General
flood = ⏳ You are sending commands too fast. Please wait a few seconds and try again.
error-internal = ⚠️ Something went wrong while handling this request. Nothing was changed; please try again in a few minutes.
sent-privately = 📩 Sent to you in your private chat with the bot.
open-private-first = 📩 This is sent privately. Please open {$link}, press Start, then send the command again.
only-admin = ℹ️ This command is for administrators only. Use /help to see your commands.
only-secretary = ℹ️ This command is for secretaries only. Use /help to see your commands.
only-delegate = ℹ️ This command is for registered members only. Ask your unit's secretary for an invite link.
group-only = ℹ️ This command is used in the unit's standing-committee group, not in a private chat.
private-only = 📩 This command is used in the private chat with the bot. Please open {$link} and send it there.
command-unknown = ℹ️ There is no command {$command}.
command-wrong-chat = ℹ️ {$command} cannot be used here. See /help for how to use it.
group-added = Giao Ban has been added to this group. The unit's secretary, please send /linkgroup UNIT_CODE to link this group as the unit's standing-committee group.
# The council's name, from COUNCIL_NAME and COUNCIL_KIND (given to every message): write { council } in texts.
council = { $councilKind ->
        [tinh] {$councilName} Provincial People's Council
       *[other] {$councilName} City People's Council
    }

## Roles
role-admin = administrator
role-secretary = secretary
role-delegate = delegate
role-guest = not registered

## Start, invites
start-guest =
    Hello {$name}.
    Giao Ban is the system the People's Council standing committee uses for meeting notices, comments on draft proposals, notices and scheduled summaries.
    To join, open the invite link your unit's secretary sent you.
start-member =
    Hello {$name}, {$role} of unit {$unit}.
    Send /help to see your commands.
invite-unknown = ℹ️ This invite link is not valid. Please ask your unit's secretary for a new one.
invite-expired = ℹ️ This invite link has expired. Please ask your unit's secretary for a new one.
invite-used = ℹ️ This invite link has been used up. Please ask your unit's secretary for a new one.
invite-joined =
    ✅ You have joined unit {$unit} — {$unitName} as {$role}.
    Send /help to see your commands.
invite-joined-notice = 👤 {$name} joined unit {$unit} as {$role} through your invite link.
invite-usage =
    ℹ️ Wrong form. Usage:
    /invite delegate|secretary UNIT_CODE [uses] [days]
    Example: /invite delegate BD 30 7 — an invite for delegates of BD, 30 uses, valid for 7 days.
    Uses from 1 to 1000 (default 1), days from 1 to 90.
invite-secretary-admin-only = ℹ️ Only administrators can invite secretaries. Secretaries can invite delegates of their own unit.
invite-link =
    🔗 Invite link for a {$role} of unit {$unit} — {$unitName}
    { $uses ->
        [one] Valid for 1 use
       *[other] Valid for {$uses} uses
    }, until {$expires}.
    {$link}
    Forward this link to the invitee; each person opens it and presses Start.
    Invite code: {$code}. Revoke it with /revokeinvite {$code}.

## Units, groups
unit-unknown = ℹ️ There is no unit with code “{$unit}”. Send /units for the list.
unit-not-yours = ℹ️ You are not responsible for unit {$unit}. Secretaries act for their own unit only.
addunit-usage =
    ℹ️ Wrong form. Usage:
    /addunit CODE Unit name
    Example: /addunit BD Phường Ba Đình
    The code is unaccented letters and digits, at most 10; the name at most 120 characters.
addunit-created = ✅ Unit {$unit} — {$unitName} created.
addunit-renamed = ✅ Unit {$unit} renamed to “{$unitName}”.
units-empty = There are no units yet. Administrators create them with /addunit CODE Unit name.
units-title = 🏛 Units ({$count}):
units-line = • <b>{$unit}</b> — {$unitName} · {$group} · { $members ->
        [one] 1 member
       *[other] {$members} members
    }
units-no-group = no group linked
units-group = group “{$title}”
units-group-gone = ⚠️ the bot is no longer in group “{$title}”
linkgroup-usage =
    ℹ️ Wrong form. Usage: /linkgroup UNIT_CODE
    Example: /linkgroup BD
linkgroup-elsewhere = ℹ️ This group is already the group of unit {$unit}. To link it to another unit, send /unlinkgroup first.
linkgroup-done = ✅ This group is now the standing-committee group of unit {$unit} — {$unitName}. The unit's notices, meetings and summaries will be posted here.
linkgroup-replaced = The previous group “{$title}” no longer receives the unit's messages.
unlinkgroup-not-linked = ℹ️ This group is not linked to any unit.
unlinkgroup-done = ✅ This group is no longer linked to unit {$unit} and will not receive its messages.

## Members
members-usage =
    ℹ️ Wrong form. Usage: /members [UNIT_CODE] [page]
    Example: /members BD, or /members BD 2 for page 2.
members-all = all units
members-title = 👥 Members — {$scope} ({$count}):
members-line = • {$name}{$username} · {$role} · {$unit} · id {$id}
members-empty = No members yet ({$scope}).
remove-usage =
    ℹ️ Wrong form. Usage: /remove ID
    The ID is the number shown by /members.
remove-unknown = ℹ️ There is no member with id {$id}. Send /members for the list.
remove-done = ✅ {$name} is no longer {$role} of unit {$unit}.

# One rulebook (issue 11): invites listed, revoked and confirmed; /remove takes away what the person left.
invite-creator-gone = ℹ️ This invite link is no longer valid: the person who made it may no longer invite. Please ask your unit's secretary for a new link.
invite-revoked = ℹ️ This invite link was revoked. Please ask your unit's secretary for a new link.
invite-unchanged = You are already {$role} of unit {$unit} — {$unitName}. This invite link changes nothing.
invite-confirm =
    ⚠️ You are {$currentRole} of unit {$currentUnit}. With this invite link you would become {$role} of unit {$unit} — {$unitName}.
    Do you confirm the change?
button-confirm = ✅ Confirm
invite-confirm-cancelled = Cancelled. Your role stays as it was: {$role} of unit {$unit}.
invite-confirm-cancelled-plain = Cancelled. Nothing was changed.
invite-confirm-stale = ℹ️ This confirmation is no longer valid. Please open the invite link again.
invites-usage =
    ℹ️ Wrong form. Usage: /invites [UNIT_CODE]
    Example: /invites BD
invites-title = 🔗 Live invite links — {$scope} ({$count}):
invites-line = • <b>{$code}</b> · {$role} · {$unit} · {$left}/{ $uses ->
        [one] 1 use
       *[other] {$uses} uses
    } left · until {$expires} · made by {$creator}
invites-empty = No live invite links ({$scope}).
revokeinvite-usage =
    ℹ️ Wrong form. Usage: /revokeinvite I‹number› or /revokeinvite UNIT_CODE
    Example: /revokeinvite I12 (one link), /revokeinvite BD (every live invite link of unit BD). Send /invites for the codes of live invite links.
invite-code-unknown = ℹ️ There is no live invite link with code “{$code}”. Send /invites for the list.
revokeinvite-done = ✅ Invite link {$code} ({$role}, unit {$unit}) revoked. It can no longer be used.
invite-revoke-admin-only = ℹ️ Only administrators can revoke invite links for secretaries.
remove-invites = • { $count ->
        [one] 1 invite link
       *[other] {$count} invite links
    } they made revoked: {$codes}.
remove-drafts = • { $count ->
        [one] 1 notice draft
       *[other] {$count} notice drafts
    } cancelled: {$ids}.
remove-pending = • What they were in the middle of typing was dropped.
cmd-invites = Live invite links
cmd-revokeinvite = Revoke an invite link
args-invites = [UNIT_CODE]
args-revokeinvite = I‹number›|UNIT_CODE

## Help, language, identity
help-title = 📖 Your commands ({$role}):
help-footer = Every command has an English name and an unaccented Vietnamese one (in brackets); either works.
help-digest-cron = Administrators: /digest also takes a 5-field cron pattern (minute hour day month weekday), e.g. /digest 0 16 * * 5 for 16:00 every Friday; a summary goes at most once an hour.
lang-usage =
    ℹ️ Usage: /lang vi or /lang en
    Current language: {$current}.
lang-set = ✅ Language set to English.
lang-name-vi = Vietnamese
lang-name-en = English
whoami-role = Role: {$role}
whoami-unit = Unit: {$unit} — {$unitName}
whoami-no-unit = Unit: none
whoami-lang = Language: {$lang}
whoami-id = Telegram id: {$id}

## Command descriptions (menus and /help)
cmd-start = Start, join with an invite link
cmd-help = Your commands
cmd-lang = Choose the language (vi, en)
cmd-whoami = Your role, unit and language
cmd-units = Units and their groups
cmd-members = Members of a unit
cmd-invite = Invite link for delegates, secretaries
cmd-linkgroup = Link this group to a unit
cmd-unlinkgroup = Unlink this group
cmd-addunit = Create or rename a unit
cmd-remove = Remove a member's role
args-lang = vi|en
args-members = [UNIT_CODE] [page]
args-invite = delegate|secretary UNIT_CODE [uses] [days]
args-linkgroup = UNIT_CODE
args-addunit = CODE Unit name
args-remove = ID

## Notices
button-cancel = ✖️ Cancel
broadcast-usage =
    ℹ️ Wrong form.
    Usage: /broadcast AUDIENCE [pin]
    AUDIENCE: groups (all linked groups), delegates (every delegate, privately), all (both), or unit codes (e.g. BD HK).
    Send the command as a reply to the notice, or send the command and then the notice.
broadcast-bad = “{$bad}” is not a valid audience.
broadcast-send-now = ✍️ Please send the notice now (formatted text, a photo or a document). It is sent only after you have seen the preview and pressed Send.
broadcast-cancelled-draft-wait = ✖️ Notice cancelled.
broadcast-nobody = ℹ️ Nobody to send to: the chosen units have no linked group and no delegates. Nothing was saved.
broadcast-preview = The notice above ({$id}) will be sent to { $groups ->
        [one] 1 group
       *[other] {$groups} groups
    } and { $people ->
        [one] 1 delegate
       *[other] {$people} delegates
    }. Send now?
broadcast-preview-pin = 📌 It will be pinned in the groups.
broadcast-preview-album = 📎 Only this { $part ->
        [photo] photo
        [video] video
        [audio] audio file
       *[document] file
    } will be sent, not the other parts of its album. To send the whole album, send each part as a notice of its own, or put them in one file (a PDF, for instance).
broadcast-uncopyable = ⚠️ { $kind ->
        [service-pinned] This is Telegram's “pinned a message” line, not the text of a notice, so it cannot be sent.
        [service-members] This is Telegram's line about someone joining or leaving a group, not the text of a notice, so it cannot be sent.
        [service-chat] This is Telegram's line about a change to a group (title, photo, type…), not the text of a notice, so it cannot be sent.
        [paid-media] Paid photos and videos cannot be copied for sending.
        [invoice] Invoices cannot be copied for sending.
        [giveaway] Giveaway messages cannot be copied for sending.
        [quiz-hidden] This quiz comes without its answer (usually because it was forwarded), and Telegram copies a quiz only when the answer is known.
        [protected] This message is protected (no forwarding or saving), so it cannot be copied for sending.
       *[service] This is a Telegram activity line, not the text of a notice, so it cannot be sent.
    } Nothing was saved.
broadcast-uncopyable-instead = { $kind ->
        [quiz-hidden] Please send a regular poll instead of the quiz, or create the quiz yourself in this chat.
        [paid-media] Please send photos or videos without a price.
        [protected] Please send the content again as a new message (text, a photo or a document).
       *[other] Please send the notice as text, a photo or a document.
    }
broadcast-uncopyable-again = Then reply to that message with /broadcast as before.
broadcast-uncopyable-wait = The notice is still awaited; press “Cancel” if you no longer want to send one.
broadcast-button-send = 📤 Send
broadcast-not-yours = ℹ️ Only the secretary who prepared this notice can send or cancel it.
broadcast-started = 📤 Sending notice {$id}.
broadcast-progress = 📤 Sending notice {$id}: {$done}/{$total}…
broadcast-cancelled-draft = ✖️ Notice {$id} cancelled. Nothing was sent.
broadcast-already-sending = Notice {$id} is being sent.
broadcast-already-done = Notice {$id} has been sent.
broadcast-already-cancelled = Notice {$id} was cancelled.
broadcast-already-draft = Notice {$id} has not been sent.
broadcast-already-missing = Notice {$id} was not found.
broadcast-unknown = ℹ️ There is no notice “{$id}”. Send /broadcasts for recent notices.
broadcast-cancel-done = 🛑 Notice {$id} stopped. Sent to {$sent}/{ $total ->
        [one] 1 recipient
       *[other] {$total} recipients
    }; the rest will not be sent.
broadcast-report-done = ✅ Notice {$id} delivered to {$sent}/{ $total ->
        [one] 1 recipient
       *[other] {$total} recipients
    }.
broadcast-report-cancelled = 🛑 Notice {$id} was stopped: delivered to {$sent}/{ $total ->
        [one] 1 recipient
       *[other] {$total} recipients
    }, {$dropped} not sent.
broadcast-report-failed = Not delivered ({$count}):
broadcast-report-failure = • {$name} ({$reason})
broadcast-report-more = … and {$count} more (full list in the next message).
broadcast-report-all-failures = Recipients who did not get notice {$id}:
broadcast-report-pin-failed = 📌 Could not pin (the bot needs admin rights to pin; the notice was delivered): {$names}
broadcast-ack-button = ✅ Received
broadcast-ack-done = ✅ Noted: you received notice {$id}.
broadcast-ack-again = You already acknowledged notice {$id}.
broadcast-ack-unknown = ℹ️ This notice is no longer in the system.
broadcast-ack-not-member = ℹ️ Only members of the units this notice was sent to can acknowledge it.
broadcast-status-draft = not sent
broadcast-status-sending = sending
broadcast-status-done = delivered
broadcast-status-cancelled = stopped
# Notices decided when they happen: Send on an old or no longer allowed draft, people who left before Send, "Received" only from recipients
broadcast-lost-role = ℹ️ You can no longer send or cancel notice {$id}: your role or unit has changed. Nothing was sent.
broadcast-draft-expired = ⌛ The preview of notice {$id} is more than a day old and has expired; nothing was sent. Please prepare it again with /broadcast.
broadcast-status-expired = expired
broadcast-report-removed = 🚫 Not sent to { $count ->
        [one] 1 person who
       *[other] {$count} people who
    } left the recipient units after the preview: {$names}
broadcast-ack-not-sent = ℹ️ This notice has not been sent, so it cannot be acknowledged yet.
broadcast-ack-not-recipient = ℹ️ Only people this notice was sent to can acknowledge it.
broadcasts-empty = No notices yet.
broadcasts-title = 📣 Recent notices:
broadcasts-line = • <b>{$id}</b> · {$when} · {$status} · sent {$sent}/{$total} · failed {$failed} · pending {$pending} · received {$acked}
acks-title = ✅ Acknowledgements of notice {$id}: {$acked}.
acks-unit = <b>{$unit}</b>: {$acked}/{$total} received
acks-yes = {"  "}✅ {$names}
acks-no = {"  "}⏳ {$names}
reason-blocked = the person blocked the bot
reason-kicked = the bot was removed from the group
reason-deactivated = the Telegram account was deleted
reason-no-private-chat = the person never opened a chat with the bot
reason-not-member = the bot is no longer in the group
reason-chat-not-found = the group no longer exists
reason-rejected = Telegram refused the message
reason-unavailable = Telegram did not answer after several tries
cmd-broadcast = Send a notice to groups and delegates
cmd-broadcasts = Recent notices and delivery progress
cmd-acks = Who has and has not received a notice
cmd-cancelbroadcast = Stop sending a notice
args-broadcast = groups|delegates|all|UNIT… [pin]
args-acks = B‹n›
args-cancelbroadcast = B‹n›

## Forms (key: value) and guided questions
form-problems = ℹ️ The form is not valid; nothing was saved:
form-missing = missing (required)
form-duplicate-key = given twice
form-unknown-key = the form has no field “{$key}”
form-stray-line = the line “{$line}” belongs to no field; write one field a line as “field: value”, e.g. “place: Hall A”
form-too-long = { $length ->
        [one] 1 character
       *[other] {$length} characters
    }, over the limit of {$max}
form-too-many = more than the limit allows (at most {$max})
# Long texts (issue 10): a list item over its limit names which one.
form-item-too-long = item {$n} has { $length ->
        [one] 1 character
       *[other] {$length} characters
    }, over the limit of {$max}
form-bad-link = needs a link starting with https://
form-unknown-units = no unit {$codes}; send /units for the codes
form-bad-code = a code is unaccented letters, digits and - . _ (e.g. DA-01)
form-unknown-proposal = there is no proposal {$code}
form-bad-when = the time cannot be read; write e.g. 15/10 14:00 or 14h30 15/10
form-invalid-when = that date or time does not exist
form-past-when = that time has passed
form-weekday-when = {$date} is a { $actual ->
        [0] Sunday
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
       *[6] Saturday
    }, not a { $written ->
        [0] Sunday
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
       *[6] Saturday
    }; please check the date or the weekday
date-warning-weekend = ⚠️ Note: {$day} is a weekend day.
date-warning-holiday = ⚠️ Note: {$day} is a public holiday: {$holiday}.
date-warning-holiday-usual = ⚠️ Note: {$day} may be a day off for {$holiday}; the official days off are set by the government each year.
holiday-new-year = New Year's Day
holiday-tet-eve = the Lunar New Year (Tết), day {$day} of the last lunar month
holiday-tet = the Lunar New Year (Tết), day {$day}
holiday-hung-kings = Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)
holiday-victory = Victory Day (30 April)
holiday-labour = International Labour Day (1 May)
holiday-national-day = National Day (2 September)
form-bad-duration = needs minutes from 1 to 1440 (e.g. 120 or 1h30)
form-bad-reminders = “{$bad}” is not a reminder time; write e.g. 1 day, 1 hour or 30 minutes, or “none” for no reminders
wizard-step = Step {$n}/{$total}.
wizard-skip = ⏭ Skip
wizard-cancelled = ✖️ Cancelled; nothing was saved.
all-units = all units
minutes = { $n ->
        [one] 1 minute
       *[other] {$n} minutes
    }

## Meetings
council-only = ℹ️ This is done by the secretaries of the { council } (unit {$unit}).
meeting-unknown = ℹ️ There is no meeting “{$id}”. Send /meetings for upcoming meetings.
meeting-id-missing = ℹ️ The meeting's code is missing (e.g. M3). Send /meetings for upcoming meetings.
meeting-form-help =
    To create a meeting, send /newmeeting with “field: value” lines in the same message, e.g.:
    /newmeeting
    title: Quarterly online briefing, fourth quarter
    when: 15/10 14:00
    duration: 120
    place: Headquarters of the { council }
    link: https://meet.example.vn/briefing
    units: all (or codes: BD HK)
    proposal: DA-01
    agenda: Summary report; Discussion of the draft proposal
    reminders: 1 day, 1 hour
    Required: title, when. Send /newmeeting alone in a private chat to be asked for each field in turn.
meeting-edit-help =
    To edit: /editmeeting {$id} followed by the “field: value” lines to change, e.g.:
    /editmeeting {$id}
    when: 18/10 08:30
field-meeting-title = Title
field-meeting-when = Time
field-meeting-duration = Duration
field-meeting-place = Place
field-meeting-link = Online link
field-meeting-units = Units
field-meeting-proposal = Proposal
field-meeting-agenda = Agenda
field-meeting-reminders = Reminders
wizard-intro-meeting = 📅 New meeting: please give each field in turn; press Cancel at any time.
ask-meeting-title = The meeting's title?
ask-meeting-when = When does it start? (e.g. 15/10 14:00)
ask-meeting-duration = Duration in minutes? (default 120)
ask-meeting-place = Place?
ask-meeting-link = Online meeting link?
ask-meeting-units = Which units? (“all” or codes such as BD HK; default all)
ask-meeting-proposal = Code of the proposal discussed (if any)?
ask-meeting-agenda = Agenda? (one item per line, or separated by ;)
ask-meeting-reminders = Remind how long before? (default 1d, 1h — one day and one hour before)
meeting-created = ✅ Meeting {$id} created for {$when}. The announcement goes to { $groups ->
        [one] 1 group
       *[other] {$groups} groups
    }. Edit: /editmeeting {$id} · Cancel: /cancelmeeting {$id}
meetings-empty = There are no upcoming meetings.
meetings-title = 📅 Upcoming meetings:
meetings-line = • <b>{$id}</b> · {$when} · {$title} · {$answer}
meeting-details-title = 📅 MEETING {$id}
meeting-your-answer = Your answer: {$answer}. Answer with: /rsvp {$id} yes|no|sub
rsvp-label-yes = attending
rsvp-label-no = absent
rsvp-label-sub = sending a substitute
rsvp-label-none = not answered
meeting-roster-title = 👥 Answers to meeting {$id} by unit:
meeting-roster-unit = <b>{$unit}</b>: {$answered}/{$total} answered
meeting-roster-silent = {"  "}⏳ Not answered: {$names}
meeting-is-cancelled = ℹ️ Meeting {$id} has been cancelled.
meeting-unchanged = ℹ️ The form changes nothing in meeting {$id}: the values are the current ones. Give the new value of each field to change.
meeting-edited = ✅ Meeting {$id} updated: the announcements were edited, the groups were told what changed, and the reminders were moved.
meeting-cancel-done = ✅ Meeting {$id} cancelled; the groups were told and its reminders removed.
meeting-ann-title = 📅 MEETING NOTICE {$id}
meeting-ann-cancelled-title = 🚫 MEETING {$id} CANCELLED
# Long texts (issue 10): the last message of an announcement too long for one, with the answers and buttons.
meeting-ann-card = 📅 Meeting {$id} “{$title}”
meeting-when = 🕑 {$when} ({ $duration ->
        [one] 1 minute
       *[other] {$duration} minutes
    })
meeting-online = Online: {$link}
meeting-proposal = 📄 Discussion of draft proposal {$code}
meeting-agenda = 📋 Agenda:
meeting-ask = Please confirm your attendance.
meeting-counts = Answers: {$yes} attending · {$no} absent · {$sub} substitute · {$none} not answered
meeting-cancel-reason = Reason: {$reason}
button-rsvp-yes = ✅ Attend
button-rsvp-no = ❌ Absent
button-rsvp-sub = 👤 Send a substitute
meeting-remind-today = ⏰ Reminder: meeting {$id} “{$title}” starts at {$time} today (in {$left}).
meeting-remind-later = ⏰ Reminder: meeting {$id} “{$title}” starts {$when} (in {$left}).
meeting-remind-many = ⏰ Reminder: { $count ->
        [one] 1 meeting is
       *[other] {$count} meetings are
    } coming up:
meeting-remind-many-day = ⏰ Reminder: { $count ->
        [one] 1 meeting is
       *[other] {$count} meetings are
    } coming up on {$date}:
meeting-remind-item = • {$id} “{$title}” — {$when} (in {$left})
meeting-nudge = You have not confirmed your attendance at meeting {$id} “{$title}”, {$when}. Please choose:
meeting-changed = 🔁 Meeting {$id}: {$field} changed: {$from} → {$to}.
meeting-cancelled-notice = 🚫 Meeting {$id} “{$title}” has been cancelled.
rsvp-not-member = ℹ️ This meeting is for members of the invited units; you are not a member of those units. If you are a delegate of one of them, ask its secretary for an invite link.
rsvp-started = ℹ️ Meeting {$id} has started, so answers can no longer change. If you are absent, please tell the secretary directly.
rsvp-cancelled = ℹ️ Meeting {$id} was cancelled; no answer is needed.
rsvp-done-yes = ✅ Noted: you will attend meeting {$id}.
rsvp-done-no = ✅ Noted: you will be absent from meeting {$id}.
rsvp-done-sub = ✅ Noted: you are sending a substitute to meeting {$id}.
rsvp-sub-saved = ✅ Noted: {$name} will attend meeting {$id} in your place.
rsvp-sub-see-private = ✅ Noted. Please send your substitute's name in your private chat with the bot.
rsvp-sub-ask = 👤 Please send the name and position of the person attending meeting {$id} in your place, in your next message.
rsvp-sub-use-command = Noted that you are sending a substitute. To record their name, send: /rsvp {$id} sub Full name
rsvp-usage =
    ℹ️ Wrong form. Usage: /rsvp M‹n› yes|no|sub [substitute's name]
    Example: /rsvp M3 sub Nguyen Van A, Vice Chair
ics-caption = 📅 Meeting {$id} as a calendar file: open it to add it to your calendar.
# One rulebook (issue 11), meetings: a change that met other changes of the same meeting at the same moment, several times over.
meeting-busy = ℹ️ Meeting {$id} was being changed elsewhere at the same moment, so nothing was saved; please send the command again.
cmd-meetings = Upcoming meetings
cmd-meeting = Meeting details, who answered
cmd-rsvp = Answer a meeting invitation
cmd-ics = Calendar file (.ics) of a meeting
cmd-newmeeting = Create a meeting
cmd-editmeeting = Edit a meeting
cmd-cancelmeeting = Cancel a meeting
args-meeting = M‹n›
args-rsvp = M‹n› yes|no|sub [name]
args-ics = M‹n›
args-newmeeting = + form
args-editmeeting = M‹n› + form
args-cancelmeeting = M‹n› [reason]

## Proposals and comments
proposal-call-title = 📝 CALL FOR COMMENTS ON DRAFT PROPOSAL {$code}
proposal-link = 📎 Draft: {$link}
proposal-sections = 📑 Sections: {$sections}
proposal-deadline = ⏳ Deadline: {$when}
proposal-how = How to comment: reply to this message, or send /comment {$code} #section your comment.
proposal-how-nosections = How to comment: reply to this message, or send /comment {$code} your comment.
proposal-how-agree = A unit that agrees with no comments: /agree {$code}
proposal-closed = closed for comments
proposal-due-today = closes today
proposal-days-left = { $days ->
        [one] 1 day left
       *[other] {$days} days left
    }
proposal-state = State: {$left}.
proposal-unknown = ℹ️ There is no proposal “{$code}”. Send /proposals for the list.
proposal-code-missing = ℹ️ The proposal's code is missing (e.g. DA-01). Send /proposals for the list.
proposal-form-help =
    To open a proposal for comments, send /newproposal with “field: value” lines in the same message, e.g.:
    /newproposal
    code: DA-01
    title: Strengthening the capacity and effectiveness of the People's Councils
    summary: Second draft, in 3 parts
    link: https://hdnd.example.vn/draft-da-01.pdf
    sections: 1, 2, 3.1, 3.2
    deadline: 22/10 17:00
    units: all
    Required: code, title, deadline. Send /newproposal alone in a private chat to be asked for each field in turn.
field-proposal-code = Code
field-proposal-title = Title
field-proposal-summary = Summary
field-proposal-link = Link to the draft
field-proposal-sections = Sections
field-proposal-deadline = Deadline
field-proposal-units = Units
form-code-taken = code {$code} is already used by another proposal
form-bad-sections = “{$bad}” is not a section label; write labels such as 1, 2, 3.1 or II, a
wizard-intro-proposal = 📝 New proposal for comments: please give each field in turn; press Cancel at any time.
ask-proposal-code = The proposal's code? (e.g. DA-01)
ask-proposal-title = The proposal's title?
ask-proposal-summary = A summary of the draft?
ask-proposal-link = Link to the full draft?
ask-proposal-sections = Sections to comment on? (e.g. 1, 2, 3.1, 3.2)
ask-proposal-deadline = Deadline for comments? (e.g. 22/10 17:00)
ask-proposal-units = Which units are asked? (“all” or codes; default all)
proposal-created = ✅ Proposal {$code} opened for comments until {$when}. The call for comments goes to { $groups ->
        [one] 1 group
       *[other] {$groups} groups
    }.
proposals-empty = There are no proposals yet.
proposals-title = 📝 Proposals:
proposals-line-open = • <b>{$code}</b> “{$title}” · open until {$when} ({$left}) · { $comments ->
        [one] 1 comment
       *[other] {$comments} comments
    }
proposals-line-closed = • <b>{$code}</b> “{$title}” · closed {$when} · { $comments ->
        [one] 1 comment
       *[other] {$comments} comments
    }
proposal-counts-total = 📊 Comments: {$active} ({$withdrawn} withdrawn)
proposal-counts-sections = By section: {$list}
proposal-counts-units = Units that commented: {$list}
proposal-counts-agreed = Units that agree with no comments: {$list}
proposal-counts-silent = Units not yet heard from: {$list}
proposal-counts-responses = Handling: {$none} not yet handled · {$accept} accepted · {$partial} partly accepted · {$explain} explained
proposal-nudge = ⏳ Proposal {$code} “{$title}” closes for comments {$when} ({$left}). Your unit has not answered yet: reply to the call for comments, send /comment {$code} your comment, or /agree {$code} if you agree with no comments.
comment-section = section {$section}
comment-general = general comments
comment-state-pending = not yet handled
comment-state-accept = accepted
comment-state-partial = partly accepted
comment-state-explain = explained
comment-state-withdrawn = withdrawn
comment-attachment = 📎 Attached: {$name}
comment-photo = photo
comment-response-line = ↳ {$kind}: “{$text}”
response-kind-accept = Accepted
response-kind-partial = Partly accepted
response-kind-explain = Explained
response-notice-accept = 📬 Your comment {$id} on proposal {$code} was accepted by the drafting team: “{$text}”
response-notice-partial = 📬 Your comment {$id} on proposal {$code} was partly accepted by the drafting team: “{$text}”
response-notice-explain = 📬 The drafting team explained its position on your comment {$id} on proposal {$code}: “{$text}”
# Long texts (issue 10): the comment, quoted under the answer the author receives.
response-notice-comment = Your comment: “{$text}”
comment-not-member = ℹ️ Only registered delegates and secretaries can comment. Ask your unit's secretary for an invite link.
comment-no-open = ℹ️ No proposal is open for comments from your unit. Send /proposals for the list.
comment-which = ℹ️ Several proposals are open for your unit ({$codes}). Please give the code in the command, e.g. /comment DA-01 your comment.
comment-unit-not-targeted = ℹ️ Proposal {$code} does not ask unit {$unit} for comments.
comment-closed = ℹ️ Proposal {$code} closed for comments {$when}. Your comment was not recorded.
comment-bad-section = ℹ️ Draft {$code} has no section “{$section}”. Sections: {$sections}.
comment-no-sections = ℹ️ Draft {$code} has no sections; send your comment without #section.
comment-empty = ℹ️ The comment has no text. Send: /comment {$code} #section your comment.
comment-empty-nosections = ℹ️ The comment has no text. Send: /comment {$code} your comment.
respond-unknown = ℹ️ There is no comment “{$id}”. Send /comments CODE to list the comments.
quoted = “{$text}”
comment-too-long = ℹ️ The comment has { $length ->
        [one] 1 character
       *[other] {$length} characters
    }, over the limit of {$max}. Please split it, or attach a file.
comment-recorded = ✅ Comment {$id} on proposal {$code} recorded. Edit: /editcomment {$id} … · Withdraw: /withdraw {$id}
comment-recorded-section = ✅ Comment {$id} on proposal {$code}, section {$section}, recorded. Edit: /editcomment {$id} … · Withdraw: /withdraw {$id}
agree-done = ✅ Noted: unit {$unit} agrees with proposal {$code} and has no comments.
agree-already = Unit {$unit} already said it agrees with proposal {$code}.
mycomments-empty = You have not sent any comments.
mycomments-title = 🗂 Your comments ({$count}):
comment-unknown = ℹ️ You have no comment “{$id}”. Send /mycomments to see yours.
comment-id-missing = ℹ️ The comment's code is missing (e.g. C12).
comment-is-withdrawn = ℹ️ Comment {$id} was withdrawn.
comment-has-response = ℹ️ The drafting team has handled comment {$id}, so it can no longer be edited or withdrawn.
editcomment-usage = ℹ️ The new text is missing. Usage: /editcomment {$id} new text
editcomment-done = ✅ Comment {$id} edited; the earlier text is kept.
withdraw-done = ✅ Comment {$id} withdrawn. It is kept on record but left out of the report.
comments-usage =
    ℹ️ Wrong form. Usage: /comments CODE [#section] [UNIT] [status]
    Status: pending, accepted, partial, explained, handled, withdrawn.
comments-empty = No matching comments on proposal {$code}.
comments-title = 🗂 Comments on proposal {$code} ({$count}):
respond-usage =
    ℹ️ Wrong form. Usage: /respond C‹n› accept|partial|explain text
    Example: /respond C12 accept Added to section 3.2 of the draft.
respond-done = ✅ “{$kind}” recorded for comment {$id}; its author has been told privately.
# One rulebook (issue 11), proposals and comments: a person's comments on one proposal stop at COMMENTS_PER_PERSON_MAX; a comment changed elsewhere at the same moment, several times over; a guided form finished after the deadline it gave.
comment-cap = ℹ️ Each person may send at most { $max ->
        [one] 1 comment
       *[other] {$max} comments
    } on proposal {$code}, and you have sent them all. This one was not recorded; you can edit one you sent with /editcomment.
comment-busy = ℹ️ Comment {$id} was being changed elsewhere at the same moment, so nothing was saved. Please send the command again.
proposal-deadline-past = ℹ️ The deadline {$when} has passed, so the proposal was not created. Please send it again with a new deadline.
report-usage = ℹ️ Wrong form. Usage: /report CODE [docx|csv|md] [no: 12] [sign: VICE CHAIR, Nguyễn Văn A] (docx by default; without «sign:» the configured signer)
report-caption = 📄 Report on how the comments on draft proposal {$code} were handled ({ $count ->
        [one] 1 comment
       *[other] {$count} comments
    }).
report-committee = STANDING COMMITTEE
report-committee-in-text = the Standing Committee of the {$council}
report-file-name = Report-comments-{$code}
cmd-proposals = Proposals open for comments
cmd-proposal = A proposal's details and counts
cmd-comment = Send a comment
cmd-agree = Your unit agrees, no comments
cmd-mycomments = My comments
cmd-editcomment = Edit a comment
cmd-withdraw = Withdraw a comment
cmd-comments = List comments
cmd-newproposal = Open a proposal for comments
cmd-respond = Record how a comment was handled
cmd-report = Report of how comments were handled
args-proposal = CODE
args-comment = [CODE] [#section] text
args-agree = CODE
args-mycomments = [CODE]
args-editcomment = C‹n› new text
args-withdraw = C‹n›
args-comments = CODE [#section] [UNIT] [status]
args-newproposal = + form
args-respond = C‹n› accept|partial|explain text
args-report = CODE [docx|csv|md]

## Summaries
summary-period-day = {$date}
summary-period-week = WEEK {$range}
summary-title = 📊 SUMMARY {$period} · {$unit}
summary-meetings = 📅 <b>Upcoming meetings</b>
summary-meeting = • {$id} · {$when} · “{$title}”: {$yes} attending · {$no} absent · {$sub} substitute
summary-meeting-silent = {"  "}⏳ Not answered: {$names}
summary-proposals = 📝 <b>Drafts open for comments</b>
summary-proposal = • {$code} “{$title}” — until {$when} ({$left}) · { $comments ->
        [one] 1 comment
       *[other] {$comments} comments
    } from the unit, {$fresh} new since the last summary
summary-proposal-agreed = {"  "}✅ The unit said it agrees with no comments.
summary-proposal-commented = {"  "}The unit has commented.
summary-proposal-silent = {"  "}⚠️ The unit has not answered: send /comment {$code} your comment, or /agree {$code}.
summary-responses = 📬 <b>How comments were handled</b>
summary-response = • {$id} ({$author}, proposal {$code}): {$kind} — “{$text}”
summary-notices = 📣 <b>Notices not acknowledged</b>
summary-notice = • {$id} ({$date}): {$pending}/{$total} not acknowledged — {$names}
summary-nothing-week = Nothing needs attention this week.
summary-nothing = Nothing needs attention right now.
summary-council-title = 📊 { $councilKind ->
        [tinh] PROVINCE-WIDE
       *[other] CITY-WIDE
    } SUMMARY · {$date}
summary-council-proposal = • {$code} “{$title}” — until {$when} ({$left}) · { $comments ->
        [one] 1 comment
       *[other] {$comments} comments
    }
summary-council-tally = {"  "}{$commented}/{ $units ->
        [one] 1 unit
       *[other] {$units} units
    } commented · { $agreed ->
        [one] 1 unit agrees
       *[other] {$agreed} units agree
    }, no comments
summary-council-silent = {"  "}⚠️ Not heard from ({$count}): {$list}
summary-council-all-heard = {"  "}✅ Every unit has answered.
summary-council-meeting = • {$id} · {$when} · “{$title}”: {$answered}/{$expected} answered ({$yes} attending · {$no} absent · {$sub} substitute)
summary-council-meeting-none = {"  "}⚠️ Nobody answered yet ({$count}): {$list}
summary-council-notices = 📣 <b>Notices</b>
summary-council-notice = • {$id} ({$date}): {$acked}/{$expected} acknowledged
summary-council-notice-none = {"  "}⚠️ Nobody acknowledged yet ({$count}): {$list}
summary-unit-no-group = ℹ️ Unit {$unit} has no linked group, so there is nowhere to post its summary. Its secretary sends /linkgroup {$unit} in the unit's group.
summary-posted-in-group = 📊 Unit {$unit}'s summary was posted in its group.
summary-recent = 📊 The unit's latest summary was posted at {$time} (the message above). A new one can be asked for from {$next}.
summary-recent-gone = 📊 The unit's latest summary was posted at {$time}; that message is no longer in the group. A new one can be asked for from {$next}.
summary-recent-pending = 📊 The unit's summary is being posted in this group. Please wait a moment.
summary-recent-in-group = 📊 Unit {$unit}'s summary was posted in its group at {$time}. A new one can be asked for from {$next}.
summary-not-linked = ℹ️ This group is not linked to a unit. A secretary sends /linkgroup UNIT_CODE to link it.
summary-members-only = ℹ️ Only members of the unit can see its summary.
digest-current = 🗓 Summary schedule of unit {$unit}: {$schedule}.
digest-next = Next summary: {$when}.
digest-usage = A secretary changes it with: /digest off | daily 08:00 | weekly fri 16:00
digest-bad = ℹ️ Not a schedule: {$error}
    Usage: /digest off | daily 08:00 | weekly fri 16:00
digest-error-empty = nothing given
digest-error-kind = expected “off”, “daily” or “weekly”
digest-error-time = write the time as HH:MM, e.g. 16:00
digest-error-day = unknown day of the week; e.g. mon, fri, sun
digest-error-cron = the cron pattern is wrong in the “{$field}” field
digest-error-cron-fields = a cron pattern has 5 fields: minute hour day month weekday
digest-error-seconds = a cron pattern has no seconds field; write exactly 5 fields: minute hour day month weekday
digest-error-often = summaries go at most once an hour, so the minute field must name one minute (e.g. 0 8 * * 1-5: 08:00 Monday to Friday)
cron-field-minute = minute
cron-field-hour = hour
cron-field-day-of-month = day of month
cron-field-month = month
cron-field-day-of-week = day of week
digest-set = ✅ Summary schedule of unit {$unit}: {$schedule}.
schedule-off = off
schedule-daily = daily at {$time}
schedule-weekly = weekly on {$day} at {$time}
schedule-cron = on its own schedule ({$pattern})
cmd-summary = What needs attention
cmd-digest = The group's summary schedule
args-digest = off|daily HH:MM|weekly DAY HH:MM

## Report of how comments were handled (DOCX, CSV, MD)
report-committee-right-1 = SOCIALIST REPUBLIC OF VIET NAM
report-committee-right-2 = Independence - Freedom - Happiness
report-place-date = {$place}, {$date}
report-title = REPORT
report-number = No. {$number}/BC-{$suffix}
report-subtitle = Responses to the comments on the draft proposal “{$title}”
report-basis = On {$sent}, {$committee} sent the draft proposal “{$title}” to { $units ->
        [one] one unit
       *[other] {$units} units
    } for comments, with a deadline of {$deadline}.
report-tally-units = As of {$date}, { $commented ->
        [one] one unit has
       *[other] {$commented} units have
    } commented ({ $comments ->
        [one] one comment
       *[other] {$comments} comments
    } in all); { $agreed ->
        [one] one unit agrees
       *[other] {$agreed} units agree
    } with no other comment; { $silent ->
        [one] one unit has
       *[other] {$silent} units have
    } not answered.
report-tally-comments = Of the { $comments ->
        [one] one comment
       *[other] {$comments} comments
    }: {$accept} accepted, {$partial} partly accepted, {$explain} explained, {$pending} not yet handled.
report-lead-in = The responses are as follows:
report-closing = This is the report of {$committee} on the comments on the draft proposal “{$title}”.
report-author = Standing Committee, People's Council of {$unit} ({$name})
report-sign-on-behalf = ON BEHALF OF THE {$committee}
report-recipients = Recipients:
report-recipient-above = - As above;
report-recipient-unit = - Standing Committee, People's Council of {$unit};
report-recipient-kinds = - Standing committees of the { $count ->
        [one] 1 people's council
       *[other] {$count} people's councils
    } consulted ({$kinds});
report-recipient-units = - Standing committees of the { $count ->
        [one] people's council
       *[other] {$count} people's councils
    } consulted;
report-recipient-archive = - Filed: Office.
report-col-no = No.
report-col-comment = Comment
report-col-author = Unit, delegate
report-col-response = Response (accepted or explained)
report-section = Section {$section}
report-general = General comments
report-kind-accept = Accepted
report-kind-partial = Partly accepted
report-kind-explain = Explained
report-no-response = No response yet
report-agreed = Units that agree, with no comments: {$units}.
report-silent = Units that have not answered: {$units}.
report-none = none
report-csv-no = No.
report-csv-id = Comment ID
report-csv-section = Section
report-csv-comment = Comment
report-csv-unit = Unit
report-csv-author = Delegate
report-csv-date = Date
report-csv-kind = Response type
report-csv-response = Response
button-stale = ℹ️ This button is no longer valid. Please use the latest message, or send /help.

## Anonymous group admins
anonymous-admin-command = ⚠️ You are posting as the group's anonymous admin, so the bot cannot tell who you are, and the command was not carried out. To use it, turn off “Remain anonymous” in your admin rights and send it again, or write to the bot in private: {$link}
anonymous-admin-message = ⚠️ You are posting as the group's anonymous admin, so the bot cannot tell who you are, and this message was not recorded. To comment, turn off “Remain anonymous” in your admin rights and send it again, or write to the bot in private: {$link}

## Units, members and terms at the scale of a city
cmd-importunits = Load the units from a CSV file
cmd-inviteall = Invite links for every unit (CSV and DOCX files)
cmd-newterm = Start a new term
args-units = [page]
args-inviteall = delegate|secretary [uses] [days]
args-newterm = YEAR-YEAR
button-page-prev = ◀️ Previous
button-page-next = Next ▶️
units-usage =
    ℹ️ Wrong form. Usage: /units [page]
    Example: /units 2
units-head = 🏛 Units ({$count})
units-head-term = 🏛 Units ({$count}) · term {$term}
units-totals = Group linked: { $linked ->
        [one] 1 unit
       *[other] {$linked} units
    } · members: {$members}
units-gone = ⚠️ The bot is no longer in the group of { $count ->
        [one] 1 unit
       *[other] {$count} units
    }: {$list}. The unit's secretary adds it back to keep the group informed.
list-page = Page {$page}/{$pages} · next: {$next}
members-page = Page {$page}/{$pages}
members-file-name = members
members-file-caption = 👥 Members — {$scope}: { $count ->
        [one] 1 person
       *[other] {$count} people
    } ({ $secretaries ->
        [one] 1 secretary
       *[other] {$secretaries} secretaries
    }, { $delegates ->
        [one] 1 delegate
       *[other] {$delegates} delegates
    }). The full list is in the attached file; one unit's: /members UNIT_CODE.
members-col-unit = Unit code
members-col-unit-name = Unit name
members-col-name = Full name
members-col-username = Telegram username
members-col-role = Role
members-col-id = Telegram id
members-col-joined = Joined
importunits-usage =
    Send the units' CSV file with the caption /importunits, or reply to the message with the file with /importunits.
    The file has the header code,name,kind,official_code, for example:
    HOANKIEM,Phường Hoàn Kiếm,phuong,00070
importunits-too-big = ℹ️ The file is too large: a units file is at most {$max} KB.
importunits-not-text = ℹ️ The file is not UTF-8 text. Save it as CSV UTF-8 and send it again.
importunits-invalid = ℹ️ Not loaded: { $count ->
        [one] 1 problem
       *[other] {$count} problems
    }; the units are unchanged.
importunits-more = … and { $count ->
        [one] 1 more problem
       *[other] {$count} more problems
    }.
importunits-example =
    The file needs the header code,name,kind (and official_code if known), one unit a line, for example:
    HOANKIEM,Phường Hoàn Kiếm,phuong,00070
importunits-problem-header = • Line {$line}: the header must have the columns code, name and kind.
importunits-problem-columns = • Line {$line}: fewer columns than the header.
importunits-problem-quote = • Line {$line}: a double quote is opened and never closed.
importunits-problem-empty = • Line {$line}: the file has no units.
importunits-problem-too-many = • Line {$line}: too many lines (at most 5000 units).
importunits-problem-code = • Line {$line}: “{$value}” is not a unit code: 1–10 letters A–Z or digits, no spaces or accents.
importunits-problem-name-empty = • Line {$line}: the unit name is missing.
importunits-problem-name = • Line {$line}: the unit name “{$value}…” is longer than 120 characters or has control characters.
importunits-problem-kind = • Line {$line}: “{$value}” is not a kind of unit; use one of: {$kinds}.
importunits-problem-official-code = • Line {$line}: “{$value}” is not an official code (digits only).
importunits-problem-duplicate-code = • Line {$line}: code {$value} again (first on line {$first}).
importunits-problem-duplicate-official = • Line {$line}: official code {$value} again (first on line {$first}).
importunits-done = ✅ Units loaded ({ $rows ->
        [one] 1 line
       *[other] {$rows} lines
    }).
importunits-created = • Created: { $count ->
        [one] 1 unit
       *[other] {$count} units
    }
importunits-renamed = • Renamed: { $count ->
        [one] 1 unit
       *[other] {$count} units
    }
importunits-renamed-line = {"  "}{$unit}: “{$from}” → “{$to}”
importunits-updated = • Kind or official code set: { $count ->
        [one] 1 unit
       *[other] {$count} units
    } ({$list})
importunits-unchanged = • Unchanged: { $count ->
        [one] 1 unit
       *[other] {$count} units
    }
importunits-missing = ⚠️ { $count ->
        [one] 1 unit is
       *[other] {$count} units are
    } not in the file; kept as they are, not deleted:
importunits-missing-line = {"  "}{$unit} — {$unitName}
inviteall-usage =
    ℹ️ Wrong form. Usage: /inviteall delegate|secretary [uses] [days]
    Example: /inviteall secretary — one secretary's invite link per unit, 1 use, valid for 7 days.
    Uses 1 to 1000 (default: secretary 1, delegate 30), days 1 to 90.
inviteall-done = 🔗 { $count ->
        [one] 1 invite link
       *[other] {$count} invite links
    } made, one per unit, for the role of {$role} ({ $uses ->
        [one] 1 use
       *[other] {$uses} uses
    } each, valid until {$expires}). The list is in the two attached files (CSV, DOCX). Send each link only to its own unit; to revoke: /revokeinvite UNIT_CODE.
inviteall-refused = ⚠️ Not made for { $count ->
        [one] 1 unit
       *[other] {$count} units
    }: {$list}.
invitefile-title = INVITE LINKS TO THE GIAO BAN SYSTEM
invitefile-subtitle = Role: {$role} · { $count ->
        [one] 1 unit
       *[other] {$count} units
    } · { $uses ->
        [one] 1 use
       *[other] {$uses} uses
    } per link · valid until {$expires} · made on {$date}
invitefile-note = Each link is for the unit on its own row only. The person opens it in Telegram and presses “Start”.
invitefile-col-no = No.
invitefile-col-unit = Unit code
invitefile-col-unit-name = Unit name
invitefile-col-role = Role
invitefile-col-link = Invite link
invitefile-col-code = Link code
invitefile-col-uses = Uses
invitefile-col-expires = Valid until
invitefile-name-delegate = invite-links-delegates
invitefile-name-secretary = invite-links-secretaries
revokeinvite-unit-done = ✅ { $count ->
        [one] 1 invite link
       *[other] {$count} invite links
    } of unit {$unit} revoked: {$codes}.
revokeinvite-unit-none = ℹ️ Unit {$unit} has no live invite link to revoke.
revokeinvite-unit-kept = { $count ->
        [one] 1 secretary's invite link of the unit remains
       *[other] {$count} secretaries' invite links of the unit remain
    }; only an administrator can revoke those.
newterm-usage =
    ℹ️ Wrong form. Usage: /newterm YEAR-YEAR
    Example: /newterm 2026-2031
newterm-not-later = ℹ️ The current term is {$term}; a new term must start after its first year.
newterm-stale = ℹ️ This confirmation no longer applies. Send /newterm again.
newterm-no-current = not recorded
newterm-preview = Start the term {$term}? Current term: {$current}.
newterm-preview-members = • { $secretaries ->
        [one] 1 secretary
       *[other] {$secretaries} secretaries
    } and { $delegates ->
        [one] 1 delegate
       *[other] {$delegates} delegates
    } of { $units ->
        [one] 1 unit
       *[other] {$units} units
    } will lose their role in the system; each is told privately. Their records stay in exports and reports; their names stay on the comments and answers they gave.
newterm-preview-nobody = • There are no members besides the administrators; nobody's role changes.
newterm-preview-invites = • { $invites ->
        [one] 1 live invite link
       *[other] {$invites} live invite links
    } will be revoked.
newterm-preview-keep = • Units and linked groups stay as they are. Administrators are not affected.
newterm-cancelled = Cancelled. The term {$term} has not started; nothing changed.
newterm-done = ✅ The term {$term} has started.
newterm-done-members = { $secretaries ->
        [one] 1 secretary
       *[other] {$secretaries} secretaries
    } and { $delegates ->
        [one] 1 delegate
       *[other] {$delegates} delegates
    } of the previous term moved to the previous term's roster; each is being told privately.
newterm-done-invites = { $invites ->
        [one] 1 invite link
       *[other] {$invites} invite links
    } revoked.
newterm-done-next = Next: /inviteall secretary to invite the units' secretaries.
newterm-told = The council's term {$term} has begun. Your role as {$role} of unit {$unit} in the Giao Ban system ended with the previous term; the comments and answers you gave are kept. If you continue in the new term, your unit's secretary will send you a new invite link.
whoami-term = Term: {$term}

## The desk (web page for the drafting team and the secretaries)
cmd-desk = the desk on the web: handle comments in bulk, reports
desk-link = 🖥 Your link to the desk (single use, valid {$minutes} min): {$link}
    Do not pass this link on.
desk-button-webapp = 🖥 Open the desk
desk-button-browser = 🌐 Open in the browser
desk-menu-button = Desk
desk-not-configured = The desk is not set up (DESK_URL is missing). Please tell an administrator.
remind-too-soon = The units silent on proposal {$code} were just reminded. They can be reminded once every { $minutes ->
        [one] minute
       *[other] {$minutes} minutes
    }.
desk-title = Desk
desk-skip = Skip to the main content
desk-nav-label = Main sections
desk-nav-proposals = Proposals
desk-nav-meetings = Meetings
desk-nav-notices = Notices
desk-nav-history = Activity log
desk-logout = Sign out
desk-landing-intro = The desk is for the drafting team and the secretaries: comments by section and by unit, accepting and explaining many comments at once, reports.
desk-landing-how = To sign in, send {$command} in your private chat with the bot and open the link it sends, or press the «Desk» button in Telegram.
desk-landing-open-bot = Open Telegram
desk-webapp-checking = Checking with Telegram…
desk-webapp-missing = No sign-in data from Telegram. Please open the desk from its button in Telegram.
desk-webapp-forged = The sign-in data is not valid. Please open the desk again from its button in Telegram.
desk-webapp-stale = The sign-in data has expired. Please close the desk and open it again from Telegram.
desk-webapp-no-user = The sign-in data names no user. Please open the desk from your private chat with the bot.
desk-login-title = Sign in to the desk
desk-login-text = This link works only once.
desk-login-button = Open the desk
desk-link-invalid-title = This link no longer works
desk-link-invalid = The sign-in link has been used or has expired. Send {$command} in your private chat with the bot for a new one.
desk-too-many = Too many sign-in attempts in a short time. Please try again in 10 minutes.
desk-session-ended-title = Your session has ended
desk-session-ended = Your session has expired or you signed out. Please sign in again.
desk-not-member = You are no longer a member, so your session has ended.
desk-for-secretaries-title = The desk is for secretaries
desk-for-secretaries = The desk is for secretaries and the drafting team. Delegates comment, and see and edit their own comments, in Telegram (/comment, /mycomments).
desk-refused-title = Not done
desk-csrf = The request did not carry your session's confirmation code, so nothing was done. Please reload the page and try again.
desk-not-found = Page not found
desk-error = Something went wrong. Please try again.
desk-back = Back
desk-all = All
desk-filter = Filter
desk-search = Search the text
desk-pages = Pages
desk-prev = ‹ Previous page
desk-next = Next page ›
desk-page-of = Page {$page} of {$pages}
desk-proposals-title = Proposals open for comments
desk-proposals-empty = No proposals yet.
desk-col-code = Code
desk-col-id = Id
desk-col-title = Title
desk-col-state = State
desk-col-deadline = Deadline
desk-col-comments = Comments
desk-col-pending = Not handled
desk-col-withdrawn = Withdrawn
desk-col-section = Section
desk-col-unit = Unit
desk-col-unit-name = Unit name
desk-col-participation = Participation
desk-col-author = Delegate
desk-col-text = Text
desk-col-date = Date
desk-col-proposal = Proposal
desk-col-time = Time
desk-col-sent = Sent
desk-col-acked = Received
desk-col-waiting = Not confirmed
desk-proposal-open = open for comments, {$left}
desk-proposal-closed = closed for comments
desk-proposal-heading = Proposal {$code}
desk-deadline = Deadline: {$when}
desk-open-comments = { $count ->
    [one] The comment (1)
   *[other] The comments ({$count})
}
desk-report-docx = Report (DOCX)
desk-report-csv = Comments table (CSV)
desk-by-section = By section
desk-by-handling = By handling
desk-by-unit = By unit
desk-no-section = General comments (no section)
desk-state-active = All comments (except withdrawn)
desk-state-pending = Not yet accepted or explained
desk-state-accept = Accepted
desk-state-partial = Partly accepted
desk-state-explain = Explained
desk-state-responded = Accepted or explained
desk-state-withdrawn = Withdrawn
desk-part-commented = commented
desk-part-agreed = agrees, no comments
desk-part-silent = not heard from
desk-part-tally = Commented: {$commented} · Agree, no comments: {$agreed} · Not heard from: {$silent}
desk-remind-button = { $silent ->
    [one] Remind the 1 unit not heard from
   *[other] Remind the {$silent} units not heard from
}
desk-remind-hint = Sends the deadline reminder to these units' standing-committee groups, as the automatic one before the deadline does.
desk-reminded = { $count ->
    [one] Reminder sent to 1 standing-committee group.
   *[other] Reminder sent to {$count} standing-committee groups.
}
desk-comments-title = Comments on proposal {$code}
desk-back-proposal = ‹ Proposal {$code}
desk-back-comments = ‹ Comments on proposal {$code}
desk-comments-count = { $count ->
    [one] 1 comment matches.
   *[other] {$count} comments match.
}
desk-comments-none = No comment matches these filters.
desk-pick = Select comment {$id}
desk-pick-all = Select every comment on this page
desk-bulk-legend = Accept or explain the selected comments
desk-bulk-hint = Tick comments in the table, choose the handling and the text. Each comment's author is told privately.
desk-wording-pick = Saved wording
desk-wording-text = Text of the answer
desk-wording-save = Save this wording for this proposal
desk-bulk-apply = Record for the selected comments
desk-bulk-title = Comments handled
desk-bulk-done = { $count ->
    [one] «{$kind}» recorded for 1 comment: {$ids}.
   *[other] «{$kind}» recorded for {$count} comments: {$ids}.
}
desk-bulk-told = Each comment's author has been told privately.
desk-bulk-none = No comment was selected.
desk-bulk-too-many = At most { $max ->
        [one] 1 comment
       *[other] {$max} comments
    } can be handled at once.
desk-bulk-no-text = Please write the answer or choose a saved wording.
desk-bulk-no-kind = Please choose accept, partly accept or explain.
desk-comment-title = Comment {$id}
desk-comment-text = Comment
desk-edited = edited {$when}
desk-attachment = 📎 Download the attachment: {$name}
desk-photo = photo
desk-no-attachment = This comment has no attachment.
desk-attachment-failed = The attachment could not be fetched from Telegram. Please try again later.
desk-edits = Edits (the text before each edit)
desk-response = Handling
desk-respond-one = Accept or explain this comment
desk-respond-again = Change the answer
desk-respond-apply = Record
desk-audit = History of changes
desk-audit-none = No change recorded yet.
desk-meetings-title = Upcoming meetings
desk-meetings-empty = No upcoming meetings.
desk-meeting-title = Meeting {$id}
desk-meeting-cancelled = cancelled
desk-answers-by-unit = Answers by unit
desk-roster-none = No members in the units you follow yet.
desk-notices-title = Recent notices
desk-notices-empty = No notices yet.
desk-notice-title = Notice {$id}
desk-acked-total = { $count ->
    [one] 1 person confirmed
   *[other] {$count} people confirmed
}
desk-acks-by-unit = Confirmations by unit
desk-acks-none = No recipients in the units you follow.
desk-history-title = Activity log
desk-history-kind = Kind
desk-history-export = Download the log (CSV)
desk-history-council = The activity log is for the secretaries of the { council } and administrators only.
desk-history-file = activity-log

## History (audit trail): /history, /lichsu, the CSV export
cmd-history = History of changes (who, when, before → after)
args-history = [C‹n›|M‹n›|CODE|UNIT]
history-title = 🕘 Latest changes ({$shown} of { $total ->
    [one] 1 change
   *[other] {$total} changes
}):
history-title-entity = 🕘 History of {$what} ({ $total ->
    [one] 1 change
   *[other] {$total} changes
}):
history-earlier = Only the latest changes are shown; { $count ->
    [one] 1 earlier change is
   *[other] {$count} earlier changes are
} in the exported activity log.
history-empty = No changes have been recorded yet.
history-empty-entity = No changes to {$what} have been recorded yet.
history-unknown =
    Nothing found for “{$ref}”. Give the id of a comment, meeting, notice or invite, a proposal or unit code, or a user id, e.g.:
    /history C12 · /history M3 · /history DA-01 · /history BD
history-line = <b>{$when}</b> · {$who}{$via}
    {$what}
history-what = {$action}: {$what}
history-who = {$name} ({$role}, {$unit})
history-change = {$field}: {$before} → {$after}
history-change-set = {$field}: {$after}
history-change-was = {$field}: {$before} (removed)
history-yes = yes
history-no = no
history-via-telegram = {""}
history-via-desk = {" "}(on the desk)
history-via-job = {" "}(automatic)
history-via-cli = {" "}(administration tool)
history-channel-telegram = Telegram
history-channel-desk = Desk
history-channel-job = Automatic
history-channel-cli = Administration tool
history-kind-comment = comment {$id}
history-kind-meeting = meeting {$id}
history-kind-proposal = proposal {$id}
history-kind-notice = notice {$id}
history-kind-unit = unit {$id}
history-kind-member = user {$id}
history-kind-invite = invite {$id}
history-kind-name-comment = Comment
history-kind-name-meeting = Meeting
history-kind-name-proposal = Proposal
history-kind-name-notice = Notice
history-kind-name-unit = Unit
history-kind-name-member = User
history-kind-name-invite = Invite
history-action-meeting-create = Meeting created
history-action-meeting-edit = Meeting edited
history-action-meeting-cancel = Meeting cancelled
history-action-meeting-rsvp = Attendance answered
history-action-proposal-create = Proposal opened for comments
history-action-proposal-agree = Agreed, no comments
history-action-comment-create = Comment sent
history-action-comment-edit = Comment edited
history-action-comment-withdraw = Comment withdrawn
history-action-comment-respond = Accepted or explained
history-action-notice-draft = Notice drafted
history-action-notice-send = Notice sent
history-action-notice-cancel = Notice cancelled
history-action-notice-ack = Notice acknowledged
history-action-unit-add = Unit added or renamed
history-action-group-link = Group linked to the unit
history-action-group-unlink = Group unlinked
history-action-member-remove = Member removed
history-action-invite-create = Invite created
history-action-invite-use = Joined by invite
history-action-invite-revoke = Invite revoked
history-action-lang-set = Language changed
history-action-digest-set = Summary schedule set
history-field-title = Title
history-field-startsAt = Time
history-field-durationMin = Duration (minutes)
history-field-place = Place
history-field-link = Link
history-field-units = Units
history-field-proposal = Proposal
history-field-agenda = Agenda
history-field-remindersMs = Reminders before
history-field-status = Status
history-field-cancelReason = Reason for cancelling
history-field-answer = Answer
history-field-sub = Substitute
history-field-summary = Summary
history-field-sections = Sections
history-field-deadline = Deadline for comments
history-field-agreed = Unit agreeing
history-field-section = Section
history-field-text = Text
history-field-attachment = Attachment
history-field-response = Acceptance or explanation
history-field-recipients = Recipients
history-field-received = Received (unit)
history-field-name = Name
history-field-group = Group
history-field-role = Role
history-field-unit = Unit
history-field-invite = Invite
history-field-uses = Uses
history-field-expiresAt = Expires
history-field-lang = Language
history-field-schedule = Summary schedule
history-status-scheduled = scheduled
history-status-cancelled = cancelled
history-status-active = active
history-status-withdrawn = withdrawn
history-status-draft = draft
history-status-sending = sending
history-status-done = sent
history-status-live = live
history-status-revoked = revoked
history-csv-id = No.
history-csv-time = Time
history-csv-person = Changed by
history-csv-person-id = User id
history-csv-role = Role
history-csv-unit = Unit
history-csv-action = Action
history-csv-action-code = Action code
history-csv-record = Record
history-csv-record-id = Record id
history-csv-field = Field
history-csv-before = Before
history-csv-after = After
history-csv-via = Channel

## Zalo: what Zalo shows in place of Telegram's buttons, files and menus (src/zalo, jobs/deliver-zalo.ts)
zalo-answer-meeting = 👉 Reply 1 to attend, 2 if absent, 3 to send a substitute (meeting {$id}).
zalo-answer-meeting-group = 👉 To answer meeting {$id}: send /rsvp {$id} yes, /rsvp {$id} no or /rsvp {$id} sub Full name (a substitute).
zalo-answer-notice = 👉 Reply «received» (or «đã nhận») to confirm you received notice {$id}.
zalo-answer-notice-group = 👉 Each of you confirms notice {$id} in a private message to the system: «đã nhận {$id}».
zalo-answer-invite = 👉 Reply «yes» to confirm, or «cancel» to keep things as they are.
zalo-notice-head = 📢 Notice {$id}
zalo-notice-no-text = (The notice is an attached file.)
zalo-notice-file = 📎 Attachment: {$link} (the link works until {$until})
zalo-notice-file-off = 📎 The notice has an attachment; the system has no public address configured, so files cannot be sent on Zalo. Please ask your unit's secretary.
zalo-link = 📎 {$what}: {$link}
    This link is for you only and works until {$until}.
zalo-link-ics = Calendar file of meeting {$id} (.ics, open it to add it to your calendar)
zalo-link-report = Report on the comments on draft {$code} ({ $count ->
        [one] 1 comment
       *[other] {$count} comments
    }, {$format} file)
zalo-links-off = ℹ️ The system has no public address configured (PUBLIC_URL), so files cannot be sent on Zalo. Please ask an administrator.
zalo-no-meeting = No meeting announcement was sent to you to answer. You can send: /rsvp M3 yes (or no, sub Full name).
zalo-no-notice = No notice was sent to you to confirm.
zalo-start-guest =
    Hello {$name}.
    Giao Ban is the system the People's Council standing committee uses for meeting notices, comments on draft proposals, notices and scheduled summaries.
    To join, send the invite code your unit's secretary gave you in this chat.
zalo-help-footer = On Zalo: reply 1, 2 or 3 to a meeting announcement; reply «received» to a notice; reports and calendar files come as download links.
zalo-whoami-id = Member id: {$id}
zalo-units-private = Zalo: { $count ->
        [one] 1 member gets
       *[other] {$count} members get
    } the group's messages privately
zalo-group-title = Zalo group of unit {$unit}
zalo-unit-members-title = Zalo: a private message to each member
zalo-linkgroup-private-done = ✅ The system's Zalo account cannot join groups, so the messages of unit {$unit} — {$unitName} (notices, meetings, reminders, calls for comments, summaries) will go privately to each of its members on Zalo.
zalo-text-only = The system takes text messages only. Send /help to see the commands.
zalo-see-help = Send /help to see the commands that work on Zalo.
zalo-telegram-only = ℹ️ The command {$command} works on Telegram only for now. Send /help to see the commands that work on Zalo.
zalo-private-only = 📩 This command is used in a private chat with the system.
zalo-unknown-text = This message is not a command or an answer the system takes. You can reply 1, 2 or 3 to the latest meeting announcement, «received» to the latest notice, send an invite code to join, or send /help to see the commands.
invite-link-zalo = On Zalo: the person sends this code to the system's Zalo account: {$token}
history-via-zalo = {" "}(on Zalo)
zalo-invite =
    🔗 Invite code for a {$role} of unit {$unit} — {$unitName} ({$code})
    It works {$uses} times, until {$expires}.
    Pass this code to the person invited: on Zalo they send it to the system's Zalo account; on Telegram they send /start and the code to the system.
    {$token}
zalo-wizard-intro-meeting = 📅 A new meeting: please answer each question in turn.
zalo-wizard-intro-proposal = 📝 A new draft for comments: please answer each question in turn.
zalo-wizard-skip = 👉 Reply «skip» (or «bỏ qua») if there is none, or «cancel» to stop.
zalo-wizard-cancel = 👉 This one is required; reply «cancel» to stop.
cmd-zalo = join your Zalo account to this one
zalo-link-code =
    🔗 Zalo link code: {$code}
    Send it to the system's Zalo account within { $minutes ->
        [one] {$minutes} minute
       *[other] {$minutes} minutes
    }. Your Zalo account then has the same role and unit as this Telegram account; the system's messages keep coming on Telegram. The code works once.
zalo-link-off = ℹ️ The system is not connected to Zalo.
zalo-link-not-member = ℹ️ Only a member who has joined a unit can join a Zalo account.
zalo-link-unknown = ℹ️ The link code is wrong or has expired. Send /zalo on Telegram for a new one.
zalo-link-member-already = ℹ️ This Zalo account is a member of its own, so it cannot be joined. Please ask an administrator.
zalo-link-done = ✅ Joined: on Zalo you are a {$role} of unit {$unit}, as on Telegram.
