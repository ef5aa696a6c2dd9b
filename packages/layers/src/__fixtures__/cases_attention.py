"""MultiHeadAttention and the Transformer encoder block against PyTorch's multi-head attention and
nn.TransformerEncoderLayer, with Keras-layout projection weights; position encodings."""
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.utils.stateless import functional_call

from fixture_lib import enc, randn

NEG = -1e9  # Keras's additive mask value for float32 logits


def torch_mha(q, v, k, w, heads, mask=None):
    """PyTorch's F.multi_head_attention_forward on Keras-layout weights (query dim = heads * key_dim)."""
    qk, qb, kk, kb, vk, vb, ok, ob = w
    e = qk.shape[1] * qk.shape[2]
    flat = lambda kern: kern.reshape(kern.shape[0], -1).T  # [f, H, D] -> [H*D, f]
    attn_mask = None
    if mask is not None:
        m = torch.tensor(mask, dtype=torch.float64)
        attn_mask = ((1 - m) * NEG).repeat_interleave(heads, 0)  # [B*H, Tq, Tk]
    out, scores = F.multi_head_attention_forward(
        q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1), e, heads, None,
        torch.cat([qb.reshape(-1), kb.reshape(-1), vb.reshape(-1)]), None, None, False, 0.0,
        ok.reshape(-1, ok.shape[2]).T, ob, training=False, need_weights=True, attn_mask=attn_mask,
        use_separate_proj_weight=True, q_proj_weight=flat(qk), k_proj_weight=flat(kk), v_proj_weight=flat(vk),
        average_attn_weights=False)
    return out.transpose(0, 1), scores


def einsum_mha(q, v, k, w, mask=None):
    """The Keras formulas directly, for shapes PyTorch's module cannot express (valueDim != keyDim)."""
    qk, qb, kk, kb, vk, vb, ok, ob = w
    qh = torch.einsum('btf,fhd->bhtd', q, qk) + qb[None, :, None, :]
    kh = torch.einsum('btf,fhd->bhtd', k, kk) + kb[None, :, None, :]
    vh = torch.einsum('btf,fhd->bhtd', v, vk) + vb[None, :, None, :]
    logits = qh @ kh.transpose(-1, -2) / math.sqrt(qk.shape[2])
    if mask is not None:
        logits = logits + (1 - torch.tensor(mask, dtype=torch.float64))[:, None] * NEG
    scores = torch.softmax(logits, -1)
    return torch.einsum('bhtd,hdo->bto', scores @ vh, ok) + ob, scores


def mha_weights(qf, kf, vf, heads, key_dim, value_dim, out):
    return [('query/kernel', randn(qf, heads, key_dim, scale=0.4)), ('query/bias', randn(heads, key_dim, scale=0.2)),
            ('key/kernel', randn(kf, heads, key_dim, scale=0.4)), ('key/bias', randn(heads, key_dim, scale=0.2)),
            ('value/kernel', randn(vf, heads, value_dim, scale=0.4)), ('value/bias', randn(heads, value_dim, scale=0.2)),
            ('attention_output/kernel', randn(heads, value_dim, out, scale=0.4)),
            ('attention_output/bias', randn(out, scale=0.2))]


def add_cases(rec):
    B, TQ, TV, E, H = 2, 3, 4, 4, 2
    q, v, k = randn(B, TQ, E), randn(B, TV, 5), randn(B, TV, 3)
    w = mha_weights(E, 3, 5, H, E // H, E // H, E)
    cfg = {'numHeads': H, 'keyDim': E // H}
    rec.case('MultiHeadAttention', 'mha_query_value_key', cfg, [q, v, k], w,
             lambda i, ws: torch_mha(i[0], i[1], i[2], ws, H)[0], multi_input=True)
    mask = np.array([[[1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]], [[1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]]], dtype=bool)
    rec.case('MultiHeadAttention', 'mha_attention_mask_scores', {**cfg, 'returnAttentionScores': True}, [q, v, k], w,
             lambda i, ws: list(torch_mha(i[0], i[1], i[2], ws, H, mask)), multi_input=True,
             call={'attentionMask': enc(mask)})
    xs = randn(B, TV, E)
    ws_self = mha_weights(E, E, E, H, E // H, E // H, E)
    causal = np.tril(np.ones((TV, TV), dtype=bool))[None].repeat(B, 0)
    rec.case('MultiHeadAttention', 'mha_self_causal', cfg, [xs, xs], ws_self,
             lambda i, ws: torch_mha(i[0], i[1], i[1], ws, H, causal)[0], multi_input=True,
             call={'useCausalMask': True})
    padding = np.array([[1, 1, 1, 0], [1, 1, 1, 1]], dtype=bool)
    pad_mask = padding[:, None, :].repeat(TV, 1)
    rec.case('MultiHeadAttention', 'mha_value_padding_mask', cfg, [xs, xs], ws_self,
             lambda i, ws: torch_mha(i[0], i[1], i[1], ws, H, pad_mask)[0], multi_input=True,
             call={'mask': [None, enc(padding)]})
    w2 = mha_weights(E, 5, 5, 3, 2, 3, 6)
    rec.case('MultiHeadAttention', 'mha_value_dim_output_shape',
             {'numHeads': 3, 'keyDim': 2, 'valueDim': 3, 'outputShape': 6}, [q, v], w2,
             lambda i, ws: einsum_mha(i[0], i[1], i[1], ws)[0], multi_input=True)

    # Transformer encoder block (post-norm) = nn.TransformerEncoderLayer(batch_first=True, dropout=0).
    FF = 6
    layer = torch.nn.TransformerEncoderLayer(E, H, FF, dropout=0.0, batch_first=True, layer_norm_eps=1e-5).double()
    attn = mha_weights(E, E, E, H, E // H, E // H, E)
    t_w = attn + [
        ('self_attention_layer_norm/gamma', randn(E, scale=0.3) + 1), ('self_attention_layer_norm/beta', randn(E, scale=0.2)),
        ('feedforward_layer_norm/gamma', randn(E, scale=0.3) + 1), ('feedforward_layer_norm/beta', randn(E, scale=0.2)),
        ('feedforward_intermediate_dense/kernel', randn(E, FF, scale=0.5)),
        ('feedforward_intermediate_dense/bias', randn(FF, scale=0.2)),
        ('feedforward_output_dense/kernel', randn(FF, E, scale=0.5)), ('feedforward_output_dense/bias', randn(E, scale=0.2)),
    ]
    t_w = [(f'self_attention/{n}', a) if i < 8 else (n, a) for i, (n, a) in enumerate(t_w)]

    def encoder(i, ws, key_padding=None):
        qk, qb, kk, kb, vk, vb, ok, ob, g1, b1, g2, b2, k1, bb1, k2, bb2 = ws
        flat = lambda kern: kern.reshape(kern.shape[0], -1).T
        params = {
            'self_attn.in_proj_weight': torch.cat([flat(qk), flat(kk), flat(vk)]),
            'self_attn.in_proj_bias': torch.cat([qb.reshape(-1), kb.reshape(-1), vb.reshape(-1)]),
            'self_attn.out_proj.weight': ok.reshape(-1, E).T, 'self_attn.out_proj.bias': ob,
            'linear1.weight': k1.T, 'linear1.bias': bb1, 'linear2.weight': k2.T, 'linear2.bias': bb2,
            'norm1.weight': g1, 'norm1.bias': b1, 'norm2.weight': g2, 'norm2.bias': b2,
        }
        kwargs = {} if key_padding is None else {'src_key_padding_mask': torch.tensor(~key_padding)}
        return functional_call(layer, params, (i[0],), kwargs)

    cfg_t = {'intermediateDim': FF, 'numHeads': H}
    xt = randn(B, TV, E)
    rec.case('TransformerEncoder', 'transformer_encoder_post_norm', cfg_t, [xt], t_w, encoder)
    rec.case('TransformerEncoder', 'transformer_encoder_padding_mask', cfg_t, [xt], t_w,
             lambda i, ws: encoder(i, ws, padding), call={'mask': enc(padding)})

    emb = randn(6, E)
    rec.case('PositionEmbedding', 'position_embedding', {'sequenceLength': 6}, [xt], [('embeddings', emb)],
             lambda i, ws: ws[0][:TV].expand(B, TV, E) + 0 * i[0])

    def sine(i, ws):
        pos = torch.arange(TV, dtype=torch.float64)[:, None]
        idx = torch.arange(E)
        timescales = torch.pow(torch.tensor(1e-4, dtype=torch.float64), (2 * (idx // 2)).double() / E)
        angles = pos * timescales[None]
        enc_ = torch.where(idx % 2 == 0, torch.sin(angles), torch.cos(angles))
        return enc_.expand(B, TV, E) + 0 * i[0]

    rec.case('SinePositionEncoding', 'sine_position_encoding', {}, [xt], [], sine)
