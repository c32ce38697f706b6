/** English (one register). */
import type { DayRef } from '../dates.js';
import { everyDay, listOf, nameOf, offsetUnit, runPieces, sortedOffsets, spansOf, type WeekNames } from './kit.js';
import type { Catalog, DateOpts, Grammar, OfferLead, Pick, RefusalReason } from './types.js';

const DAYS: WeekNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EVERY: WeekNames = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

function moment(r: DayRef, o: DateOpts): string {
  const core = `${r.rel ? `${r.relWord}, ` : ''}${r.day}${o.time ? ` at ${r.time}` : ''}`;
  return `${o.bold ? `*${core}*` : core}${o.time ? r.note : ''}`;
}
const spans = (list: Array<{ from: string; to: string }>) => spansOf('en', list, (s) => `${s.from}–${s.to}`);

export const EN_GRAMMAR: Grammar = {
  on: (r, o = {}) => (r.rel ? moment(r, o) : `on ${moment(r, o)}`),
  of: (r, o = {}) => (r.rel ? moment(r, o) : `on ${moment(r, o)}`),
  to: (r, o = {}) => `to ${moment(r, o)}`,
  span: (a, b, o = {}) => {
    const core = `${a.rel ? `${a.relWord}, ` : ''}${a.day}, ${a.time}–${b.time}`;
    return `${o.on && !a.rel ? 'on ' : ''}${o.bold ? `*${core}*` : core}${a.note}`;
  },
  request: (r) =>
    r.kind === 'at'
      ? EN_GRAMMAR.on(r.at, { time: true })
      : r.kind === 'day'
        ? EN_GRAMMAR.on(r.day)
        : r.kind === 'before'
          ? `${EN_GRAMMAR.on(r.at)} before ${r.at.time}`
          : r.kind === 'after'
            ? `${EN_GRAMMAR.on(r.at)} after ${r.at.time}`
            : r.kind === 'week'
              ? 'that week'
              : r.kind === 'month'
                ? 'that month'
                : 'on those dates',
  hours(groups) {
    if (everyDay(groups)) return `every day ${spans(groups[0]?.spans ?? [])}`;
    return listOf(
      'en',
      groups.map((g) => {
        const words = runPieces(g.runs).map((p) =>
          'range' in p ? `${nameOf(DAYS, p.range[0])}–${nameOf(DAYS, p.range[1])}` : nameOf(EVERY, p.day),
        );
        return `${listOf('en', words)} ${spans(g.spans)}`;
      }),
    );
  },
  everyWeekday: (d) => nameOf(EVERY, d),
  reminders: (offsets) =>
    listOf(
      'en',
      sortedOffsets(offsets).map((ms) => {
        const { unit, n } = offsetUnit(ms);
        if (unit === 'day') return n === 1 ? 'the day before' : `${n} days before`;
        if (unit === 'hour') return n === 1 ? 'one hour before' : `${n} hours before`;
        return `${n} minutes before`;
      }),
    ),
  list: (items) => listOf('en', items),
  length: (m) => `${m} min`,
  serviceLine: (p) => `• ${p.name}${p.price || p.length ? `: ${[p.price, p.length].filter(Boolean).join(', ')}` : ''}`,
  more: (n) => `…and ${n} more.`,
  mapLink: (url) => `Map: ${url}`,
  where: (location) => `Where: ${location}`,
  ratings: ['Very bad', 'Bad', 'Okay', 'Good', 'Excellent'],
  demoTitle: 'Demo appointment',
};

const g = EN_GRAMMAR;
const comma = (name: string) => (name ? `, ${name}` : '');

// issue 9/14 (session 3): a lead is a clause; `pickOne` ends the sentence (no colon before a new sentence).
const lead = (l: OfferLead, reschedule: boolean): string => {
  switch (l.kind) {
    case 'justTaken':
      return 'Sorry, that time was just taken; here are the nearest free times';
    case 'timeTaken':
      return `${l.time} is already taken; here are the nearest free times`;
    case 'free':
      return `Here are the free times ${g.request(l.request)}`;
    case 'widened':
      return `Nothing free ${g.request(l.request)}; here are the nearest free times`;
    case 'nearby':
      return 'Here are other free times near that one';
    case 'first':
      return reschedule
        ? 'When would you like to move it to? Here are the first free times'
        : 'When would you like it? Here are the first free times';
    case 'nearest':
      return 'Here are the nearest free times';
    case 'nothingLater':
      return `Nothing later than ${l.time} that day; here are the next free times`;
    case 'nothingEarlier':
      return `Nothing earlier than ${l.time} that day; here are the nearest free times`;
  }
};

const pickOne = (p: Pick): string =>
  p.how === 'buttons'
    ? ': which one suits you? You can also write another day or time.'
    : p.how === 'list'
      ? `. Tap *${p.button}* and pick one, or write another day or time.`
      : '. Write the one that suits you, or another day or time.';

const NOTE: Record<'miss' | 'media', string> = {
  miss: "Sorry, I didn't get that.",
  media: "Sorry, I can't listen to voice notes or see images.",
};

const refused: Record<RefusalReason, string> = {
  too_soon: 'That time is too soon: bookings need more notice. Please pick a later time.',
  too_far: "We don't take bookings that far ahead yet. Please pick a closer date.",
  in_past: 'That time has already passed. Please pick another one.',
  booker_limit:
    'You already have as many appointments as the business allows. If you like, move or cancel one of them.',
  invalid_phone: "The calendar doesn't accept your phone number for the booking.",
  missing_fields: "The business asks for booking details I can't collect here.",
};

export const EN: Catalog = {
  voice: 'en',
  language: 'en',
  labels: {
    confirm: 'Confirm',
    otherTime: 'Another time',
    cancel: 'Cancel',
    cancelBooking: 'Cancel booking',
    book: 'Book',
    help: 'Help',
    human: 'Talk to a person',
    talkToPerson: 'Talk to a person',
    seeTimes: 'See times',
    reschedule: 'Change time',
    keep: 'Keep it',
    bookAnother: 'Book another',
    moveMine: 'Move mine',
    yesCancel: 'Yes, cancel',
    skip: 'Skip',
    myBookings: 'My bookings',
    rate: 'Rate',
    options: 'See options',
    resumeBot: 'Back to the bot',
    services: 'See services',
    // Issue 14.
    eraseYes: 'Yes, erase',
    eraseAll: 'Cancel and erase',
    keepData: 'No, keep it',
    offersYes: 'Yes, send offers',
    offersNo: 'No, thanks',
    // Issue 16.
    offerNo: 'No, thanks',
  },
  grammar: g,
  texts: {
    greeting: ({ name }) => `Hi${name ? ` ${name}` : ''} 👋 I'm the booking assistant. What can I do for you?`,
    help: () =>
      'I can book, move or cancel your appointment, and tell you when your next one is. Write for example ' +
      '"tomorrow at 10" or pick an option.',
    thanks: () => "You're welcome! I'm here if you need anything else.",
    acknowledged: () => 'All right. Whenever you like, write to me or pick an option.',
    human: () => "Sure, I've asked someone from the team to write to you here as soon as they can.",
    optedOut: () =>
      "Done: I won't send you any more messages, reminders included. If you change your mind, write START.",
    optedIn: () => "You're back on: I'll send you reminders and updates about your bookings again. Write STOP to stop.",
    mediaNotSupported: () =>
      "Sorry, I can't listen to voice notes or see images yet. Please write what you need, for example " +
      '"appointment Thursday at 10".',
    expiredOption: () => 'That option has expired. Shall I look for the current free times?',
    didntUnderstand: ({ misses, link }) =>
      misses >= 2
        ? link
          ? `Sorry, I still don't get it. You can also book directly here: ${link}`
          : "Sorry, I still don't get it. If you like, I'll pass you to someone from the team."
        : 'Sorry, I didn\'t get that. You can write for example "I want an appointment tomorrow at 10", or pick an ' +
          'option.',
    offerSlots: ({ lead: l, pick, purpose, note }) =>
      `${note ? `${NOTE[note]} ` : ''}${lead(l, purpose === 'reschedule')}${pickOne(pick)}`,
    noOptions: ({ lead: l }) => {
      const first =
        l.kind === 'justTaken'
          ? 'Sorry, that time was just taken and I see nothing else nearby.'
          : l.kind === 'timeTaken'
            ? `${l.time} is already taken and I see nothing else nearby.`
            : l.kind === 'first'
              ? 'I have no free times in the next days.'
              : `Nothing free ${g.request(l.request)}.`;
      return `${first} Write another day or time, or talk to someone from the team.`;
    },
    noSlots: ({ request }) =>
      request
        ? `I have no free times ${g.request(request)}. Which other day suits you?`
        : 'I have no free times in the next days. Which date would you like?',
    anotherBooking: ({ have, on }) =>
      `You already have an appointment ${have}. Shall I book another one ${on} as well, or move yours to that time?`,
    nothingToConfirm: () => "There's nothing waiting to be confirmed with that button.",
    confirmSlot: ({ name, on }) => `${name ? `${name}, I` : 'I'} can book you ${on}. Shall I confirm it?`,
    askName: ({ retry }) =>
      retry
        ? "Sorry, that doesn't look like a name. Who should I put the booking under? For example: Anna Smith."
        : 'Who should I put the booking under? Write your first and last name.',
    askEmail: ({ retry }) =>
      retry
        ? "That doesn't look like an e-mail address. Write it like this: name@example.com"
        : 'To confirm the booking I need your e-mail address. What is it?',
    booked: ({ name, span, what, where, reminders }) =>
      `✅ Done${comma(name)}: *${span}* ` +
      `(${what}).${where ? `\n${where}\n` : ' '}${reminders ? `I'll remind you ${reminders}. ` : ''}To change it, ` +
      `write "change" or "cancel" any time.`,
    bookingAbandoned: () => "Okay, I won't book anything. Write to me whenever you like.",
    calendarDown: () => "Sorry, I can't reach the calendar right now; I'll write to you as soon as it's back.",
    noBookings: () => "You don't have any upcoming appointment with me. Would you like to book one?",
    chooseBooking: ({ purpose, count, pick }) => {
      const verb = purpose === 'reschedule' ? 'move' : 'cancel';
      return pick.how === 'list'
        ? `You have ${count} appointments. Tap *${pick.button}* and pick the one to ${verb}.`
        : `You have ${count} appointments. Which one do you want to ${verb}?`;
    },
    confirmReschedule: ({ from, to }) => `Shall I move your appointment ${from} ${to}?`,
    rescheduled: ({ on, where, reminders }) =>
      `✅ Moved: your appointment is now ${on}.${where ? `\n${where}\n` : ' '}` +
      `${reminders ? `I'll remind you ${reminders}. ` : ''}To change it, write "change" or "cancel" any time.`,
    confirmCancel: ({ of }) => `Shall I cancel your appointment ${of}?`,
    cancelled: ({ of }) => `Done, I've cancelled your appointment ${of}. Would you like to book another one?`,
    keptBooking: ({ of }) =>
      of ? `Perfect, I'm keeping your appointment ${of}.` : "Perfect, I won't change anything.",
    attendanceConfirmed: ({ name, on }) => `✅ Thanks${comma(name)}: see you ${on}.`,
    askRating: ({ of }) => `How was your appointment ${of}? Rate it from 1 to 5.`,
    askComment: () => 'Thank you! Anything else you want to tell us? Write it here.',
    feedbackThanks: () => 'Thanks for your feedback, it helps us improve.',
    myBookings: (p) => {
      if (p.kind === 'one')
        return `You have one appointment: *${p.when}* (${p.what}). What would you like to do with it?`;
      const shown = p.shown < p.count ? ` Here are the next ${p.shown}.` : '';
      const how =
        p.pick.how !== 'list'
          ? 'Tell me which one to confirm, move or cancel.'
          : p.perBooking
            ? `Tap *${p.pick.button}* to confirm, move or cancel each one.`
            : `Tap *${p.pick.button}* and pick one to confirm, move or cancel it.`;
      return `You have ${p.count} upcoming appointments:${shown}\n${p.lines.join('\n')}\n${how}`;
    },
    closed: ({ lead: l, hours, pick }) => {
      const first =
        l.kind === 'day'
          ? `We're closed on ${l.weekday}.`
          : l.kind === 'date'
            ? `We're closed ${l.on}.`
            : l.kind === 'before'
              ? `We don't open before ${l.time}.`
              : l.kind === 'after'
                ? `We're closed after ${l.time}.`
                : l.kind === 'time'
                  ? `We're closed at ${l.time}.`
                  : "We're closed right now.";
      const open = hours ? ` Our hours: ${hours}.` : '';
      const next = !pick
        ? " Write another day or time and I'll check."
        : pick.how === 'list'
          ? ` Tap *${pick.button}* for the nearest free times.`
          : pick.how === 'buttons'
            ? ' The nearest free times: which one suits you?'
            : ' Write a time that suits you.';
      return `${first}${open}${next}`;
    },
    businessAnswer: ({ topic, business }) => {
      switch (topic) {
        case 'price':
          return 'These are our prices:';
        case 'services':
          return `These are the services at ${business}:`;
        case 'address':
          return "You'll find us here:";
        case 'parking':
          return 'About parking:';
        case 'payment':
          return 'About payment:';
        case 'cancellation_policy':
          return 'About cancellations:';
        case 'hours':
          return 'Our opening hours:';
        case 'other':
        case 'faq':
          return 'About your question:';
      }
    },
    businessNext: () => 'Shall I book you an appointment?',
    unknownQuestion: ({ link, inFlow }) =>
      inFlow
        ? "I don't know that, sorry. If you like, I can pass you to someone from the team."
        : link
          ? `I don't know that, sorry. I can pass you to someone from the team, or you can book directly here: ${link}`
          : "I don't know that, sorry. I can pass you to someone from the team or book you an appointment.",
    nameUpdated: ({ name }) => `Done: I've saved your name as *${name}*.`,
    emailUpdated: ({ email }) => `Done: I've saved *${email}* as your e-mail.`,
    bookingRequested: ({ span, what, where }) =>
      `📅 Request sent: *${span}* (${what}).${where ? `\n${where}\n` : ' '}The business has to confirm it; I'll ` +
      `let you know as soon as they do.`,
    bookingRefused: ({ reason, link }) => {
      const base = refused[reason];
      if (reason !== 'invalid_phone' && reason !== 'missing_fields') return base;
      return link
        ? `${base} You can talk to someone from the team or book here: ${link}`
        : `${base} If you like, I'll pass you to someone from the team.`;
    },
    askBookingField: ({ label, retry, pick, options }) => {
      const again = retry ? `I didn't get that: the answer doesn't work for *${label}*. ` : '';
      const how =
        pick.how === 'buttons'
          ? 'Pick an option.'
          : pick.how === 'list'
            ? `Tap *${pick.button}* and pick one.`
            : options.length
              ? `Write the number or the text of one of these:\n${options.join('\n')}`
              : 'Write it here.';
      return `${again}For the booking, the business asks for: *${label}*. ${how}`;
    },
    handoffStarted: ({ openNow, hours }) =>
      openNow
        ? "I'm passing you to someone from the team; they'll write to you here as soon as they can."
        : `I'm passing you to someone from the team. We're closed right ` +
          `now${hours ? ` (we're open ${hours})` : ''}: they'll write to you as soon as we open.`,
    handoffEnded: () => "The team member has finished for now; I'm back. What else can I do for you?",
    // issue 9/14 (session 3): without a booking page, the business phone (business.yaml) as the way forward.
    stuck: ({ link, phone }) =>
      link
        ? `Sorry, I still don't get it. You can talk to someone from the team or book directly here: ${link}`
        : phone
          ? `Sorry, I still don't get it. You can see the free times, call us on ${phone} or talk to the team.`
          : "Sorry, I still don't get it. Shall I pass you to someone from the team?",
    notUnderstood: ({ media }) =>
      media
        ? "Sorry, I can't listen to voice notes or see images. Let me ask again:"
        : "Sorry, I didn't get that. Let me ask again:",
    reminder: ({ name, on }) => `⏰ Reminder${comma(name)}: your appointment is ${on}. Will you come?`,
    noticeCancelled: ({ of }) =>
      `Sorry, your appointment ${of} has been cancelled by the business. Would you like to book another time?`,
    noticeMoved: ({ on }) =>
      `Your appointment has been moved: it is now ${on}. If that doesn't suit you, you can change or cancel it here.`,
    noticeNoShow: () => 'We missed you at your appointment. Would you like to book a new time?',
    // Issue 10: the host confirmed a requested booking, or turned it down.
    noticeConfirmed: ({ on }) => `✅ The business confirmed your appointment ${on}. I'll remind you before it.`,
    noticeRejected: ({ of }) =>
      `Sorry, the business couldn't accept your request ${of}. Would you like to ask for another time?`,
    // Privacy and consent (issue 14).
    privacyNotice: ({ url }) => `Your data is used only to manage your appointments. How we handle it: ${url}`,
    privacySummary: (p) => {
      const who = [p.name && `name *${p.name}*`, p.email && `e-mail *${p.email}*`, `phone ${p.phone}`];
      const upcoming = p.upcoming === 1 ? '1 upcoming appointment' : `${p.upcoming} upcoming appointments`;
      const ratings = p.feedback ? `; ${p.feedback} ${p.feedback === 1 ? 'rating' : 'ratings'}` : '';
      return (
        `Here is what I keep about you: ${who.filter(Boolean).join(', ')}; ${upcoming} and ${p.past} past; ` +
        `messages: ${p.received} received and ${p.sent} sent${ratings}. Offers: ${p.marketing ? 'yes' : 'no'}` +
        `${p.optedOut ? ' (messages stopped with STOP)' : ''}. Messages are deleted after ${p.retentionDays} days.` +
        `\nDownload all of it here (works once, for 24 hours): ${p.url}\nTo erase everything, write "delete my data".`
      );
    },
    privacyUnavailable: () => "Sorry, I can't prepare your data right now. Please try again in a few minutes.",
    confirmErase: () =>
      'Shall I erase all your data? Your name, e-mail, appointments and our conversation will be deleted, with no ' +
      'way back.',
    eraseCancelBookings: ({ count, lines }) =>
      count === 1
        ? `You have an upcoming appointment: ${lines}. To erase your data I must cancel it too. Shall I cancel it ` +
          'and erase everything?'
        : `You have ${count} upcoming appointments:\n${lines}\nTo erase your data I must cancel them too. Shall I ` +
          'cancel them and erase everything?',
    eraseKept: () => "OK, I haven't erased anything: everything stays as it was.",
    eraseFailed: () => 'Sorry, something went wrong and your data has not been erased. Please ask me again in a while.',
    erased: () => 'Done: I have erased your data and our conversation. If you write again, we start from scratch.',
    askMarketing: ({ again }) =>
      (again ? "Sorry, I didn't quite get that. " : '') +
      'Would you like us to tell you about offers and news here? You can change it any time by writing "no offers".',
    marketingGranted: () => 'Great, we will tell you about offers and news. To stop them, write "no offers".',
    marketingDeclined: () => "OK, we won't send you offers. I'll only write about your appointments.",
    marketingRevoked: () => "Done: no more offers. I'll still remind you of your appointments.",
    slowDown: () => "You're sending me a lot of messages at once; give me a moment and write again in a minute.",
    // issue 9: the person (not the team) ended the hand-off
    backToBot: () => "Sure, I'm back with you. What can I do for you?",
    // Issue 16: promotional offers.
    upsellOffer: ({ service, time, position }) =>
      `Would you like to add *${service}* ${position === 'after' ? 'right after' : 'right before'}, at ${time}? ` +
      'One tap books it.',
    winbackOffer: ({ name }) =>
      `Hi${name ? `, ${name}` : ''}! We have free times coming up. Want one? One tap books it.`,
    offerBook: ({ time }) => `Book ${time}`,
    // issue 9 (session 3)
    pickBookingFirst: ({ purpose }) =>
      `I need to know which one to ${purpose === 'reschedule' ? 'move' : 'cancel'}: ` +
      `pick one or tell me the day (e.g. "the Monday one").`,
    emailIncomplete: () =>
      'That e-mail looks incomplete (the ending is missing, like .com). Could you write all of it?',
    // issue 9/14 (session 3)
    handoffForwarded: () => `I've passed your message on to the team; they'll reply here as soon as they can.`,
    hello: ({ name }) => `Hi${name ? ` ${name}` : ''} 👋`,
    remindersOff: () => "As you wrote STOP, I won't send reminders; write START to get them again.",
  },
};
