// Main's half of the method table: one implementation per method in src-shared/ipc/methods.ts.
// Each receives the argument dispatch has already checked against the method's schema.
import type { InvokeMethod, InvokeResult, ParsedArg } from '../../src-shared/ipc/contract';
import type { AppServices } from './services';

export type Handler<M extends InvokeMethod> = (
  services: AppServices,
  arg: ParsedArg<M>,
) => Promise<InvokeResult<M>> | InvokeResult<M>;

export type HandlerTable = { [M in InvokeMethod]: Handler<M> };

/** A domain's share of the table; the whole table is checked for completeness in dispatch. */
export type HandlerPart = Partial<HandlerTable>;
