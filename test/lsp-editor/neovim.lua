-- Driven by neovim.test.ts: Neovim's own LSP client (0.7 API: start_client/buf_attach_client) on `dfopt lsp --stdio`.
-- Opens the Dockerfile, waits for diagnostics, applies the preferred code action for MAINTAINER, waits for the
-- diagnostics to follow, and writes what Neovim saw as JSON to $DFOPT_OUT.
local out = os.getenv('DFOPT_OUT')
local result = { steps = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function seen(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DFOPT_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'dfopt',
    cmd = { os.getenv('DFOPT_NODE'), os.getenv('DFOPT_BIN'), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(os.getenv('DFOPT_FILE'), ':h'),
    settings = { dfopt = { run = 'onType' } },
    flags = { debounce_text_changes = 10 },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  result.steps.attached = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  result.first = seen(bufnr)
  result.server = vim.lsp.get_client_by_id(client_id).server_capabilities and 'ok'

  -- The code action for the MAINTAINER line, asked with the diagnostics Neovim holds for it.
  local line = 1
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local titles, preferred = {}, nil
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if action.isPreferred then preferred = action end
    end
  end
  result.titles = titles
  if preferred then
    vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
    result.steps.applied = true
    result.steps.updated = vim.wait(15000, function()
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do
        if d.code == 'no-maintainer' then return false end
      end
      return true
    end, 20)
  end
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  result.second = seen(bufnr)
  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(err) end
finish()
