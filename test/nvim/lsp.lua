-- Harden's language server in a second real LSP client: Neovim (0.7+, no pull diagnostics).
-- Run from the repository root by test/nvim/nvim.test.ts:
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/nvim/lsp.lua'
-- Environment: HARDEN_NODE (node binary, default "node"), HARDEN_SERVER (default dist/server.js),
-- HARDEN_WORKSPACE (default test/fixtures/workspace; buffers are edited, never written).
-- Prints "ok - ..." lines; exits 0 when every check passed, and `cquit!` (exit 1) on the first failure.

local root = vim.fn.getcwd()
local node = os.getenv('HARDEN_NODE') or 'node'
local server = os.getenv('HARDEN_SERVER') or (root .. '/dist/server.js')
local workspace = os.getenv('HARDEN_WORKSPACE') or (root .. '/test/fixtures/workspace')
local TIMEOUT = 15000
-- Rule metadata from `harden rules --format json` (HARDEN_RULES), so default severities are not copied here.
local RULES = {}
for _, r in ipairs(vim.fn.json_decode(os.getenv('HARDEN_RULES') or '[]')) do RULES[r.id] = r end
local LSP_SEVERITY = { error = 1, warning = 2, info = 3, hint = 4 }

local function out(msg)
  io.stdout:write(msg .. '\n')
end

local function fail(msg)
  error({ harden = msg }, 0)
end

local function check(cond, msg)
  if not cond then fail(msg) end
end

-- Diagnostics as the server pushed them, by URI: the raw LSP objects (codes, ranges, hrefs).
local pushed = {}
local pushes = 0

local client_id = vim.lsp.start_client({
  name = 'harden',
  cmd = { node, server, '--stdio' },
  root_dir = workspace,
  workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      pushed[result.uri] = result.diagnostics
      pushes = pushes + 1
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
  on_exit = function(code, signal)
    if code ~= 0 and not vim.g.harden_stopping then
      io.stderr:write(string.format('the server exited with code %s, signal %s\n', tostring(code), tostring(signal)))
    end
  end,
})

local function client()
  return vim.lsp.get_client_by_id(client_id)
end

local function wait_for(what, pred)
  local done = vim.wait(TIMEOUT, pred, 10)
  check(done, 'timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what)
end

local function open(rel, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. rel))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = filetype
  check(vim.lsp.buf_attach_client(bufnr, client_id), 'attached to ' .. rel)
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local function lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

-- The 0-based LSP range of `token` on the first line that starts with `prefix` (ASCII: UTF-16 = bytes).
local function range_of(bufnr, prefix, token)
  for i, l in ipairs(lines(bufnr)) do
    if l:sub(1, #prefix) == prefix then
      local s = l:find(token, 1, true)
      check(s, token .. ' on line ' .. i)
      return { start = { line = i - 1, character = s - 1 }, ['end'] = { line = i - 1, character = s - 1 + #token } }
    end
  end
  fail('no line starting with ' .. prefix)
end

local function find_diag(uri, code)
  for _, d in ipairs(pushed[uri] or {}) do
    if d.code == code then return d end
  end
end

local function same_range(a, b)
  return a.start.line == b.start.line and a.start.character == b.start.character
    and a['end'].line == b['end'].line and a['end'].character == b['end'].character
end

local function show_range(r)
  return string.format('%d:%d-%d:%d', r.start.line, r.start.character, r['end'].line, r['end'].character)
end

-- Waits for a pushed diagnostic `code` on exactly `expected`, and checks its source, severity and docs link.
local function expect_diag(uri, code, expected)
  check(RULES[code], code .. ' is in HARDEN_RULES')
  local severity = LSP_SEVERITY[RULES[code].severity]
  wait_for(code .. ' pushed for ' .. uri, function() return find_diag(uri, code) ~= nil end)
  local d = find_diag(uri, code)
  check(d.source == 'harden', code .. ': source is harden, got ' .. tostring(d.source))
  check(same_range(d.range, expected), code .. ': range ' .. show_range(d.range) .. ', expected ' .. show_range(expected))
  check(d.severity == severity, code .. ': severity ' .. tostring(d.severity) .. ', expected ' .. severity .. ' (' .. RULES[code].severity .. ')')
  check(type(d.codeDescription) == 'table' and type(d.codeDescription.href) == 'string'
    and d.codeDescription.href:find(code, 1, true) ~= nil, code .. ': codeDescription.href names the rule')
  out('ok - ' .. code .. ' at ' .. show_range(d.range) .. ' (' .. d.codeDescription.href .. ')')
  return d
end

-- Asks for code actions on `range` (with `diags` as context), picks the first whose title matches `pattern`
-- (a Lua pattern), resolves it when it comes without an edit, applies its edit, and returns the chosen title
-- with every title offered.
local function apply_action_at(bufnr, uri, range, diags, pattern)
  local resp, err = client().request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = diags },
  }, TIMEOUT, bufnr)
  check(resp and not resp.err, 'codeAction answered: ' .. vim.inspect(err or (resp and resp.err)))
  local titles, chosen = {}, nil
  for _, a in ipairs(resp.result or {}) do
    table.insert(titles, a.title)
    if not chosen and a.title:find(pattern) then chosen = a end
  end
  check(chosen, 'a code action matching "' .. pattern .. '" among ' .. vim.inspect(titles))
  if not chosen.edit and chosen.data ~= nil then
    local resolved = client().request_sync('codeAction/resolve', chosen, TIMEOUT, bufnr)
    check(resolved and not resolved.err and resolved.result, 'codeAction/resolve answered')
    chosen = resolved.result
  end
  check(chosen.edit, '"' .. chosen.title .. '" carries a workspace edit')
  vim.lsp.util.apply_workspace_edit(chosen.edit, client().offset_encoding)
  out('ok - applied "' .. chosen.title .. '" (offered: ' .. table.concat(titles, ' | ') .. ')')
  return chosen.title, titles
end

local function apply_action(bufnr, uri, diag, pattern)
  return apply_action_at(bufnr, uri, diag.range, { diag }, pattern)
end

local function expect_gone(uri, code)
  wait_for(code .. ' to go from ' .. uri, function() return pushed[uri] ~= nil and find_diag(uri, code) == nil end)
  out('ok - ' .. code .. ' is gone after the edit')
end

local function main()
  wait_for('the server to initialize', function()
    local c = client()
    return c ~= nil and c.initialized
  end)
  out('ok - initialized ' .. (client().server_capabilities and 'with capabilities' or '') .. ', offset encoding ' .. client().offset_encoding)

  -- Dockerfile: no USER in the final stage -> the finding sits on the final FROM image.
  local df, df_uri = open('Dockerfile', 'dockerfile')
  local d = expect_diag(df_uri, 'no-root-user', range_of(df, 'FROM node:latest', 'node:latest'))
  local _, titles = apply_action(df, df_uri, d, 'USER %d+')
  check(vim.tbl_contains(titles, 'Disable no-root-user for this line'), 'the disable action is offered')
  expect_gone(df_uri, 'no-root-user')
  local user_line = false
  for _, l in ipairs(lines(df)) do
    if l:match('^USER %d+') then user_line = true end
  end
  check(user_line, 'the buffer has a USER line:\n' .. table.concat(lines(df), '\n'))

  -- The last `USER root` -> the finding sits on `root`; "Disable ... for this line" adds the pragma above.
  local worker, worker_uri = open('worker/Dockerfile', 'dockerfile')
  d = expect_diag(worker_uri, 'no-root-user', range_of(worker, 'USER root', 'root'))
  apply_action(worker, worker_uri, d, '^Disable no%-root%-user for this line$')
  expect_gone(worker_uri, 'no-root-user')
  local wl = lines(worker)
  local at = vim.fn.index(wl, 'USER root')
  check(at > 0 and wl[at]:match('^# *harden%-ignore no%-root%-user'), 'the pragma is on the line before USER root:\n' .. table.concat(wl, '\n'))

  -- Kubernetes: privileged: true in a multi-document manifest with comments; the safe fix sets false.
  local k8s, k8s_uri = open('k8s/deployment.yaml', 'yaml')
  d = expect_diag(k8s_uri, 'k8s-privileged-container', range_of(k8s, '            privileged: true', 'true'))
  apply_action(k8s, k8s_uri, d, '^Fix: ')
  expect_gone(k8s_uri, 'k8s-privileged-container')
  check(vim.tbl_contains(lines(k8s), '            privileged: false # needed by the old log shipper'),
    'privileged is false and the comment stays:\n' .. table.concat(lines(k8s), '\n'))

  -- The same workload, hardened to the restricted profile: an action on the container, resolved lazily
  -- (codeAction/resolve) where the client supports it; the comments stay.
  local before = table.concat(lines(k8s), '\n')
  apply_action_at(k8s, k8s_uri, range_of(k8s, '        - name: web', 'web'), {}, '^Harden this workload to the restricted profile$')
  local after = table.concat(lines(k8s), '\n')
  check(after:find('runAsNonRoot: true', 1, true), 'the workload runs as non-root:\n' .. after)
  for comment in before:gmatch('#[^\n]*') do
    check(after:find(comment, 1, true), 'comment kept: ' .. comment .. '\n' .. after)
  end
  out('ok - the restricted profile kept every comment')
  out('ok - ' .. pushes .. ' publishDiagnostics notifications in all')
end

local ok, err = pcall(main)
vim.g.harden_stopping = true
pcall(function()
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 10)
end)
if ok then
  out('nvim: all checks passed')
  vim.cmd('qall!')
else
  local msg = type(err) == 'table' and err.harden or tostring(err)
  io.stderr:write('not ok - ' .. msg .. '\n')
  vim.cmd('cquit!')
end
