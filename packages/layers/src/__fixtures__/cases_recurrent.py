"""SimpleRNN, LSTM, GRU and Bidirectional against torch.nn.RNN/LSTM/GRU (and their cells for masking),
with Keras-layout weights converted to PyTorch's layout and gate order inside the differentiated graph."""
import numpy as np
import torch
from torch.nn.utils.stateless import functional_call

from fixture_lib import enc, randn

B, T, F_IN, U = 2, 4, 3, 3


def lstm_params(k, rk, b):
    # Keras gates (i, f, c, o) are PyTorch's (i, f, g, o); PyTorch's second bias is zero.
    return {'weight_ih_l0': k.T, 'weight_hh_l0': rk.T, 'bias_ih_l0': b, 'bias_hh_l0': torch.zeros_like(b)}


def gru_reorder(m, u):
    # Keras gates (z, r, h) -> PyTorch (r, z, n), along the last axis.
    return torch.cat([m[..., u:2 * u], m[..., :u], m[..., 2 * u:]], -1)


def gru_params(k, rk, b, u):
    return {'weight_ih_l0': gru_reorder(k, u).T, 'weight_hh_l0': gru_reorder(rk, u).T,
            'bias_ih_l0': gru_reorder(b[0], u), 'bias_hh_l0': gru_reorder(b[1], u)}


def cell_params(p):
    return {k.replace('_l0', ''): v for k, v in p.items()}


def seq_module(kind, x, params, h0=None):
    mod = {'rnn': torch.nn.RNN, 'lstm': torch.nn.LSTM, 'gru': torch.nn.GRU}[kind](F_IN, U, batch_first=True)
    # torch 1.13's functional_call does not reach the cached flat weights of RNN modules, so set them
    # directly; the module then runs on (and differentiates into) the Keras-layout tensors.
    mod._flat_weights = [params[n] for n in mod._flat_weights_names]
    return mod(x) if h0 is None else mod(x, h0)


def masked_loop(kind, x, params, mask, backwards=False, zero_output=False):
    """Keras's masked recurrence, stepping PyTorch's own cells: masked steps carry the states over and
    repeat the previous output (or output zeros with zero_output)."""
    cell = {'rnn': torch.nn.RNNCell, 'lstm': torch.nn.LSTMCell, 'gru': torch.nn.GRUCell}[kind](F_IN, U).double()
    cp = cell_params(params)
    h = torch.zeros(B, U)
    c = torch.zeros(B, U)
    prev = torch.zeros(B, U)
    outs = []
    order = range(T - 1, -1, -1) if backwards else range(T)
    m = torch.tensor(mask, dtype=torch.float64)
    for t in order:
        keep = m[:, t:t + 1]
        if kind == 'lstm':
            h_new, c_new = functional_call(cell, cp, (x[:, t], (h, c)))
            c = keep * c_new + (1 - keep) * c
        else:
            h_new = functional_call(cell, cp, (x[:, t], h))
        out = keep * h_new if zero_output else keep * h_new + (1 - keep) * prev
        h = keep * h_new + (1 - keep) * h
        prev = out
        outs.append(out)
    return torch.stack(outs, 1), h, c


def add_cases(rec):
    x = randn(B, T, F_IN)
    mask = np.array([[1, 1, 1, 0], [0, 1, 1, 1]], dtype=bool)
    k1, rk1, b1 = randn(F_IN, U, scale=0.5), randn(U, U, scale=0.5), randn(U, scale=0.3)
    rnn_w = [('kernel', k1), ('recurrent_kernel', rk1), ('bias', b1)]

    def rnn_p(w):
        return {'weight_ih_l0': w[0].T, 'weight_hh_l0': w[1].T, 'bias_ih_l0': w[2], 'bias_hh_l0': torch.zeros_like(w[2])}

    rec.case('SimpleRNN', 'simple_rnn_last', {'units': U}, [x], rnn_w,
             lambda i, w: seq_module('rnn', i[0], rnn_p(w))[0][:, -1])
    rec.case('SimpleRNN', 'simple_rnn_sequences_state', {'units': U, 'returnSequences': True, 'returnState': True},
             [x], rnn_w, lambda i, w: (lambda o: [o[0], o[1][0]])(seq_module('rnn', i[0], rnn_p(w))))
    rec.case('SimpleRNN', 'simple_rnn_backwards', {'units': U, 'returnSequences': True, 'goBackwards': True}, [x],
             rnn_w, lambda i, w: seq_module('rnn', i[0].flip(1), rnn_p(w))[0])
    rec.case('SimpleRNN', 'simple_rnn_masked', {'units': U, 'returnSequences': True}, [x], rnn_w,
             lambda i, w: masked_loop('rnn', i[0], rnn_p(w), mask)[0], call={'mask': enc(mask)})

    k4, rk4, b4 = randn(F_IN, 4 * U, scale=0.5), randn(U, 4 * U, scale=0.5), randn(4 * U, scale=0.3)
    lstm_w = [('kernel', k4), ('recurrent_kernel', rk4), ('bias', b4)]
    rec.case('LSTM', 'lstm_last', {'units': U}, [x], lstm_w,
             lambda i, w: seq_module('lstm', i[0], lstm_params(*w))[0][:, -1])
    rec.case('LSTM', 'lstm_sequences_state', {'units': U, 'returnSequences': True, 'returnState': True}, [x], lstm_w,
             lambda i, w: (lambda o: [o[0], o[1][0][0], o[1][1][0]])(seq_module('lstm', i[0], lstm_params(*w))))
    rec.case('LSTM', 'lstm_backwards_last', {'units': U, 'goBackwards': True}, [x], lstm_w,
             lambda i, w: seq_module('lstm', i[0].flip(1), lstm_params(*w))[0][:, -1])
    rec.case('LSTM', 'lstm_masked_state', {'units': U, 'returnSequences': True, 'returnState': True}, [x], lstm_w,
             lambda i, w: list(masked_loop('lstm', i[0], lstm_params(*w), mask)), call={'mask': enc(mask)})
    h0, c0 = randn(B, U), randn(B, U)
    rec.case('LSTM', 'lstm_initial_state', {'units': U, 'returnSequences': True}, [x], lstm_w,
             lambda i, w: seq_module('lstm', i[0], lstm_params(*w),
                                     (torch.tensor(h0, dtype=torch.float64)[None], torch.tensor(c0, dtype=torch.float64)[None]))[0],
             call={'initialState': [enc(h0), enc(c0)]})

    k3, rk3, b3 = randn(F_IN, 3 * U, scale=0.5), randn(U, 3 * U, scale=0.5), randn(2, 3 * U, scale=0.3)
    gru_w = [('kernel', k3), ('recurrent_kernel', rk3), ('bias', b3)]
    rec.case('GRU', 'gru_reset_after_last', {'units': U}, [x], gru_w,
             lambda i, w: seq_module('gru', i[0], gru_params(*w, U))[0][:, -1])
    rec.case('GRU', 'gru_sequences_state', {'units': U, 'returnSequences': True, 'returnState': True}, [x], gru_w,
             lambda i, w: (lambda o: [o[0], o[1][0]])(seq_module('gru', i[0], gru_params(*w, U))))
    rec.case('GRU', 'gru_masked', {'units': U, 'returnSequences': True}, [x], gru_w,
             lambda i, w: masked_loop('gru', i[0], gru_params(*w, U), mask)[0], call={'mask': enc(mask)})

    def gru_reset_before(xs, k, rk, b):
        # Keras reset_after=False (PyTorch has no such module): the reset gate scales h before U_h.
        h = torch.zeros(B, U)
        outs = []
        for t in range(T):
            xw = xs[:, t] @ k + b
            z = torch.sigmoid(xw[:, :U] + h @ rk[:, :U])
            r = torch.sigmoid(xw[:, U:2 * U] + h @ rk[:, U:2 * U])
            cand = torch.tanh(xw[:, 2 * U:] + (r * h) @ rk[:, 2 * U:])
            h = z * h + (1 - z) * cand
            outs.append(h)
        return torch.stack(outs, 1)

    rec.case('GRU', 'gru_reset_before', {'units': U, 'resetAfter': False, 'returnSequences': True}, [x],
             [('kernel', k3), ('recurrent_kernel', rk3), ('bias', b3[0])],
             lambda i, w: gru_reset_before(i[0], *w))

    def bi_lstm(i, w, merge):
        f = seq_module('lstm', i[0], lstm_params(*w[:3]))[0]
        b = seq_module('lstm', i[0].flip(1), lstm_params(*w[3:]))[0].flip(1)
        return merge(f, b)

    lstm_w2 = [('kernel', randn(F_IN, 4 * U, scale=0.5)), ('recurrent_kernel', randn(U, 4 * U, scale=0.5)),
               ('bias', randn(4 * U, scale=0.3))]
    bi_w = [(f'forward_lstm/{n}', v) for n, v in lstm_w] + [(f'backward_lstm/{n}', v) for n, v in lstm_w2]
    inner = {'className': 'LSTM', 'config': {'name': 'lstm', 'units': U, 'returnSequences': True}}
    rec.case('Bidirectional', 'bi_lstm_concat_sequences', {'layer': inner}, [x], bi_w,
             lambda i, w: bi_lstm(i, w, lambda f, b: torch.cat([f, b], -1)))
    rec.case('Bidirectional', 'bi_lstm_sum_sequences', {'layer': inner, 'mergeMode': 'sum'}, [x], bi_w,
             lambda i, w: bi_lstm(i, w, lambda f, b: f + b))

    def bi_lstm_masked(i, w):
        f = masked_loop('lstm', i[0], lstm_params(*w[:3]), mask, zero_output=True)[0]
        b = masked_loop('lstm', i[0], lstm_params(*w[3:]), mask, backwards=True, zero_output=True)[0].flip(1)
        return torch.cat([f, b], -1)

    rec.case('Bidirectional', 'bi_lstm_masked_sequences', {'layer': inner}, [x], bi_w, bi_lstm_masked,
             call={'mask': enc(mask)}, notes='Keras forces zero outputs at masked steps when returning sequences')
    gru_w2 = [('kernel', randn(F_IN, 3 * U, scale=0.5)), ('recurrent_kernel', randn(U, 3 * U, scale=0.5)),
              ('bias', randn(2, 3 * U, scale=0.3))]
    bi_gw = [(f'forward_gru/{n}', v) for n, v in gru_w] + [(f'backward_gru/{n}', v) for n, v in gru_w2]
    rec.case('Bidirectional', 'bi_gru_ave_last', {'layer': {'className': 'GRU', 'config': {'name': 'gru', 'units': U}},
                                                  'mergeMode': 'ave'}, [x], bi_gw,
             lambda i, w: (seq_module('gru', i[0], gru_params(*w[:3], U))[0][:, -1] +
                           seq_module('gru', i[0].flip(1), gru_params(*w[3:], U))[0][:, -1]) / 2)
