import type { DockerfileLanguageService } from 'dockerfile-language-service';
import {
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  RegistrationType,
  RenameRequest,
  SemanticTokensRegistrationType,
  SignatureHelpRequest,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type DocumentSelector,
  type Hover,
  type Position,
  type SemanticTokensLegend,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { detectKind } from '../engine';
import type { DockerfileFeaturesMode } from '../shared/settings';
import type { Documents, Logger } from './context';

/** The editing features of `dockerfile-language-service`, as one switchable group. */
const SELECTOR: DocumentSelector = [{ language: 'dockerfile' }];

/**
 * Each feature once: its static capability (options, or `true` when it has none) for clients that take them at
 * `initialize`, and the registration (the same options plus the selector) for clients that register dynamically.
 */
interface Feature {
  capability: keyof ServerCapabilities;
  method: string;
  options?: () => object;
}

const FEATURES: readonly Feature[] = [
  {
    capability: 'completionProvider',
    method: CompletionRequest.method,
    options: () => ({ triggerCharacters: ['=', ' ', '$', '-'], resolveProvider: true }),
  },
  {
    capability: 'signatureHelpProvider',
    method: SignatureHelpRequest.method,
    options: () => ({ triggerCharacters: ['-', '[', ',', ' ', '='] }),
  },
  { capability: 'documentSymbolProvider', method: DocumentSymbolRequest.method },
  { capability: 'foldingRangeProvider', method: FoldingRangeRequest.method },
  { capability: 'documentHighlightProvider', method: DocumentHighlightRequest.method },
  { capability: 'definitionProvider', method: DefinitionRequest.method },
  { capability: 'renameProvider', method: RenameRequest.method, options: () => ({ prepareProvider: true }) },
  {
    capability: 'documentLinkProvider',
    method: DocumentLinkRequest.method,
    options: () => ({ resolveProvider: true }),
  },
  { capability: 'documentFormattingProvider', method: DocumentFormattingRequest.method },
  { capability: 'documentRangeFormattingProvider', method: DocumentRangeFormattingRequest.method },
  {
    capability: 'documentOnTypeFormattingProvider',
    method: DocumentOnTypeFormattingRequest.method,
    options: () => ({ firstTriggerCharacter: '`' }),
  },
  {
    capability: 'semanticTokensProvider',
    method: SemanticTokensRegistrationType.method,
    options: () => ({ legend: legend(), full: true }),
  },
];

/**
 * Serves completion, signature help, symbols, folding, highlights, definition and rename, links, semantic
 * tokens and formatting for Dockerfiles through dockerfile-language-service, so one server is enough for a
 * Dockerfile in any editor. The library is loaded on the first Dockerfile request (start-up stays as fast).
 *
 * `auto` turns the group off when the client says another Dockerfile language server runs (the VS Code client
 * checks for the Docker extensions): every completion twice helps no one. Clients that register capabilities
 * dynamically switch without a restart; others get the capabilities decided at `initialize`.
 */
export class DockerfileFeatures {
  private service: DockerfileLanguageService | undefined;
  private registrations: Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();
  private enabledNow: boolean;
  private readonly dynamic: boolean;

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
    private readonly capabilities: ClientCapabilities,
    private readonly log: Logger,
    mode: DockerfileFeaturesMode | undefined,
    otherServer: boolean,
  ) {
    this.enabledNow = effective(mode, otherServer);
    this.dynamic = !!capabilities.textDocument?.completion?.dynamicRegistration;
  }

  /** Capabilities to declare at `initialize`: none for a dynamic client (registered once initialized). */
  staticCapabilities(): ServerCapabilities {
    if (this.dynamic || !this.enabledNow) return {};
    return Object.fromEntries(FEATURES.map((f) => [f.capability, f.options?.() ?? true]));
  }

  /** After `initialized`: a dynamic client gets its registrations now. */
  initialized(): Promise<void> {
    return this.sync();
  }

  /** The user switched the setting (VS Code client notification). */
  setMode(mode: DockerfileFeaturesMode | undefined, otherServer: boolean): Promise<void> {
    const next = effective(mode, otherServer);
    if (next === this.enabledNow) return this.queue;
    this.enabledNow = next;
    if (!this.dynamic) {
      this.log.info(
        'harden.dockerfile.languageFeatures changed: this client registers capabilities only at start; restart the server to apply it',
      );
      return this.queue;
    }
    return this.sync();
  }

  /**
   * Brings the registrations in line with `enabledNow`, one change at a time: a switch that arrives while the
   * registrations are still on their way must not find an empty list and leave them registered.
   */
  private sync(): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (!this.dynamic) return;
      if (this.enabledNow && this.registrations.length === 0) await this.register();
      else if (!this.enabledNow && this.registrations.length > 0) this.unregister();
    });
    return this.queue;
  }

  private async register(): Promise<void> {
    const c = this.connection.client;
    this.registrations = await Promise.all(
      FEATURES.map((f) =>
        c.register(new RegistrationType<object>(f.method), { documentSelector: SELECTOR, ...f.options?.() }),
      ),
    );
  }

  private unregister(): void {
    for (const r of this.registrations) r.dispose();
    this.registrations = [];
  }

  /** The document's text when it is a Dockerfile and the features are on; undefined otherwise. */
  private text(uri: string): { content: string } | undefined {
    if (!this.enabledNow) return undefined;
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const content = doc.getText();
    return detectKind(doc.uri, content, doc.languageId) === 'dockerfile' ? { content } : undefined;
  }

  private lib(): DockerfileLanguageService {
    if (!this.service) {
      // Loaded on first use, not at start-up.
      const { DockerfileLanguageServiceFactory } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('dockerfile-language-service') as typeof import('dockerfile-language-service');
      const service = DockerfileLanguageServiceFactory.createLanguageService();
      const td = this.capabilities.textDocument;
      service.setCapabilities({
        completion: { completionItem: td?.completion?.completionItem },
        foldingRange: td?.foldingRange
          ? { lineFoldingOnly: td.foldingRange.lineFoldingOnly, rangeLimit: td.foldingRange.rangeLimit }
          : undefined,
        hover: td?.hover?.contentFormat ? { contentFormat: td.hover.contentFormat } : undefined,
      });
      service.setLogger({ log: (m) => this.log.info(m) });
      this.service = service;
    }
    return this.service;
  }

  /** The library's hover for an instruction or directive (Harden's findings are added by the caller). */
  hover(uri: string, position: Position): Hover | null {
    const t = this.text(uri);
    return t ? this.lib().computeHover(t.content, position) : null;
  }

  /** Handlers answer for Dockerfiles while the group is on, and nothing otherwise (registered once). */
  wire(): void {
    const c = this.connection;
    const on = <P extends { textDocument: { uri: string } }, R>(
      fallback: R,
      fn: (t: { content: string }, p: P) => R | PromiseLike<R>,
    ) => {
      return async (p: P): Promise<R> => {
        const t = this.text(p.textDocument.uri);
        if (!t) return fallback;
        try {
          return await fn(t, p);
        } catch (e) {
          this.log.error('dockerfile-language-service failed', e);
          return fallback;
        }
      };
    };
    c.onCompletion(on([], (t, p) => this.lib().computeCompletionItems(t.content, p.position)));
    c.onCompletionResolve((item) => (this.service ? this.service.resolveCompletionItem(item) : item));
    c.onSignatureHelp(on(null, (t, p) => this.lib().computeSignatureHelp(t.content, p.position)));
    c.onDocumentSymbol(on([], (t, p) => this.lib().computeSymbols(p.textDocument, t.content)));
    c.onFoldingRanges(on([], (t) => this.lib().computeFoldingRanges(t.content)));
    c.onDocumentHighlight(on([], (t, p) => this.lib().computeHighlightRanges(t.content, p.position)));
    c.onDefinition(on(null, (t, p) => this.lib().computeDefinition(p.textDocument, t.content, p.position)));
    c.onPrepareRename(on(null, (t, p) => this.lib().prepareRename(t.content, p.position)));
    c.onRenameRequest(
      on(null, (t, p) => {
        const edits = this.lib().computeRename(p.textDocument, t.content, p.position, p.newName);
        return edits.length ? { changes: { [p.textDocument.uri]: edits } } : null;
      }),
    );
    c.onDocumentLinks(on([], (t) => this.lib().computeLinks(t.content)));
    c.onDocumentLinkResolve((link) => (this.service ? this.service.resolveLink(link) : link));
    c.onDocumentFormatting(on([], (t, p) => this.lib().format(t.content, p.options)));
    c.onDocumentRangeFormatting(on([], (t, p) => this.lib().formatRange(t.content, p.range, p.options)));
    c.onDocumentOnTypeFormatting(on([], (t, p) => this.lib().formatOnType(t.content, p.position, p.ch, p.options)));
    c.languages.semanticTokens.on(on({ data: [] }, (t) => this.lib().computeSemanticTokens(t.content)));
  }
}

function effective(mode: DockerfileFeaturesMode | undefined, otherServer: boolean): boolean {
  if (mode === 'off') return false;
  if (mode === 'on') return true;
  return !otherServer;
}

/** The library's token legend, read from its own table (it assigns the indexes; we only list them in order). */
function legend(): SemanticTokensLegend {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the legend is not part of the library's main export
  const { TokensLegend } = require('dockerfile-language-service/lib/dockerSemanticTokens') as {
    TokensLegend: { init(): void; getTokenType(t: string): number | undefined; getTokenModifiers(m: string[]): number };
  };
  TokensLegend.init();
  const types: string[] = [];
  for (const t of TYPE_NAMES) {
    const i = TokensLegend.getTokenType(t);
    if (typeof i === 'number') types[i] = t;
  }
  const modifiers: string[] = [];
  for (const m of MODIFIER_NAMES) {
    const bits = TokensLegend.getTokenModifiers([m]);
    if (bits > 0) modifiers[Math.log2(bits)] = m;
  }
  return {
    tokenTypes: Array.from(types, (t) => t ?? 'unknown'),
    tokenModifiers: Array.from(modifiers, (m) => m ?? 'unknown'),
  };
}

const TYPE_NAMES = [
  'namespace',
  'type',
  'class',
  'enum',
  'interface',
  'struct',
  'typeParameter',
  'parameter',
  'variable',
  'property',
  'enumMember',
  'event',
  'function',
  'method',
  'macro',
  'keyword',
  'modifier',
  'comment',
  'string',
  'number',
  'regexp',
  'operator',
  'decorator',
];
const MODIFIER_NAMES = [
  'declaration',
  'definition',
  'readonly',
  'static',
  'deprecated',
  'abstract',
  'async',
  'modification',
  'documentation',
  'defaultLibrary',
];
