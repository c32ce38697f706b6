export { conversationMachine, MACHINE_VERSION } from './conversation.js';
export { bookingMachine } from './booking.js';
export { reschedulingMachine } from './rescheduling.js';
export { cancellationMachine } from './cancellation.js';
export { confirmationMachine, feedbackMachine } from './confirmation.js';
export { initialContext } from './setup.js';
export type * from './types.js';
