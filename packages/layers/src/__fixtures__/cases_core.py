"""Dense, activations, reshaping, merging, rescaling and embedding cases."""
import math

import numpy as np
import torch
import torch.nn.functional as F

from fixture_lib import randint, randn


def add_cases(rec):
    x = randn(3, 5)
    k, b = randn(5, 4, scale=0.5), randn(4, scale=0.5)
    rec.case('Dense', 'dense_linear', {'units': 4}, [x], [('kernel', k), ('bias', b)],
             lambda i, w: F.linear(i[0], w[0].T, w[1]))
    rec.case('Dense', 'dense_relu_rank3', {'units': 4, 'activation': 'relu'}, [randn(2, 3, 5)],
             [('kernel', k), ('bias', b)], lambda i, w: F.relu(F.linear(i[0], w[0].T, w[1])))
    rec.case('Dense', 'dense_no_bias_tanh', {'units': 4, 'activation': 'tanh', 'useBias': False}, [x],
             [('kernel', k)], lambda i, w: torch.tanh(i[0] @ w[0]))

    xa = randn(4, 6, scale=2.0)
    acts = [
        ('relu', {}, F.relu),
        ('leakyRelu', {'negativeSlope': 0.1}, lambda t: F.leaky_relu(t, 0.1)),
        ('elu', {}, F.elu),
        ('elu', {'alpha': 0.5}, lambda t: F.elu(t, 0.5)),
        ('selu', {}, F.selu),
        ('gelu', {}, F.gelu),
        ('gelu', {'approximate': True}, lambda t: F.gelu(t, approximate='tanh')),
        ('silu', {}, F.silu),
        ('swish', {}, F.silu),
        ('sigmoid', {}, torch.sigmoid),
        ('tanh', {}, torch.tanh),
        ('softmax', {}, lambda t: F.softmax(t, -1)),
        ('softmax', {'axis': 0}, lambda t: F.softmax(t, 0)),
        ('softplus', {}, F.softplus),
        ('temperedSigmoid', {}, lambda t: 2 * torch.sigmoid(2 * t) - 1),
        ('temperedSigmoid', {'scale': 1.5, 'inverseTemperature': 0.5, 'offset': 0.25},
         lambda t: 1.5 * torch.sigmoid(0.5 * t) - 0.25),
    ]
    for i, (name, options, fn) in enumerate(acts):
        spec = {'name': name, 'options': options} if options else name
        rec.case('Activation', f'activation_{name}_{i}', {'activation': spec}, [xa], [],
                 lambda inp, w, fn=fn: fn(inp[0]))
    # The dedicated activation layers, with Keras's own defaults (LeakyReLU slope 0.3).
    rec.case('ReLU', 'relu_layer', {}, [xa], [], lambda i, w: F.relu(i[0]))
    rec.case('LeakyReLU', 'leaky_relu_default', {}, [xa], [], lambda i, w: F.leaky_relu(i[0], 0.3))
    rec.case('ELU', 'elu_alpha', {'alpha': 0.7}, [xa], [], lambda i, w: F.elu(i[0], 0.7))
    rec.case('Softmax', 'softmax_axis1', {'axis': 1}, [randn(2, 3, 4)], [], lambda i, w: F.softmax(i[0], 1))

    x4 = randn(2, 3, 2, 2)
    rec.case('Flatten', 'flatten', {}, [x4], [], lambda i, w: i[0].reshape(2, -1))
    rec.case('Reshape', 'reshape_infer', {'targetShape': [4, -1]}, [x4], [], lambda i, w: i[0].reshape(2, 4, 3))
    rec.case('Permute', 'permute', {'dims': [3, 1, 2]}, [x4], [], lambda i, w: i[0].permute(0, 3, 1, 2))
    rec.case('RepeatVector', 'repeat_vector', {'n': 3}, [randn(2, 4)], [],
             lambda i, w: i[0].unsqueeze(1).repeat(1, 3, 1))
    rec.case('Rescaling', 'rescaling', {'scale': 1 / 255, 'offset': -0.5}, [uniform255()], [],
             lambda i, w: i[0] / 255 - 0.5)

    a, b2, c = randn(2, 3), randn(2, 3), randn(2, 3)
    rec.case('Add', 'add3', {}, [a, b2, c], [], lambda i, w: i[0] + i[1] + i[2], multi_input=True)
    rec.case('Subtract', 'subtract', {}, [a, b2], [], lambda i, w: i[0] - i[1], multi_input=True)
    rec.case('Multiply', 'multiply', {}, [a, b2, c], [], lambda i, w: i[0] * i[1] * i[2], multi_input=True)
    rec.case('Average', 'average', {}, [a, b2], [], lambda i, w: (i[0] + i[1]) / 2, multi_input=True)
    rec.case('Maximum', 'maximum', {}, [a, b2, c], [], lambda i, w: torch.maximum(torch.maximum(i[0], i[1]), i[2]),
             multi_input=True)
    rec.case('Minimum', 'minimum', {}, [a, b2], [], lambda i, w: torch.minimum(i[0], i[1]), multi_input=True)
    rec.case('Concatenate', 'concatenate_last', {}, [a, randn(2, 2)], [], lambda i, w: torch.cat(i, -1),
             multi_input=True)
    rec.case('Concatenate', 'concatenate_axis1', {'axis': 1}, [randn(2, 2, 3), randn(2, 1, 3)], [],
             lambda i, w: torch.cat(i, 1), multi_input=True)

    ids = randint(2, 5, high=6)
    ids[0, 3:] = 0
    emb = randn(6, 3)
    rec.case('Embedding', 'embedding', {'inputDim': 6, 'outputDim': 3}, [ids], [('embeddings', emb)],
             lambda i, w: F.embedding(i[0].long(), w[0]))
    rec.case('Embedding', 'embedding_mask_zero', {'inputDim': 6, 'outputDim': 3, 'maskZero': True}, [ids],
             [('embeddings', emb)], lambda i, w: F.embedding(i[0].long(), w[0]))


def uniform255():
    return np.round(np.random.default_rng(3).uniform(0, 255, (2, 4))).astype(np.float32)
