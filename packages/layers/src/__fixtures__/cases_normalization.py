"""BatchNormalization (Keras momentum rule), LayerNormalization and the train/inference noise layers."""
import numpy as np
import torch
import torch.nn.functional as F

from fixture_lib import randn, uniform


def keras_moving(x, mean, var, axis, momentum):
    """Keras's moving-statistics update: biased batch variance, moving = moving*m + batch*(1-m)."""
    axes = tuple(i for i in range(x.ndim) if i != axis)
    bm = x.mean(axes)
    bv = ((x - bm.reshape([-1 if i == axis else 1 for i in range(x.ndim)])) ** 2).mean(axes)
    return mean * momentum + bm * (1 - momentum), var * momentum + bv * (1 - momentum)


def bn_ref(x, gamma, beta, mean, var, axis, eps, training):
    xt = x.movedim(axis, 1)
    y = F.batch_norm(xt, mean.clone(), var.clone(), gamma, beta, training=training, eps=eps)
    return y.movedim(1, axis)


def add_cases(rec):
    nt = ('moving_mean', 'moving_variance')
    for name, shape, axis_cfg, axis in [('rank2', (6, 4), {}, 1), ('rank4', (2, 3, 3, 4), {}, 3),
                                        ('rank4_axis1', (2, 4, 3, 2), {'axis': 1}, 1)]:
        x = randn(*shape, scale=2.0) + 0.5
        c = shape[axis]
        w = [('gamma', uniform(c, low=0.5, high=1.5)), ('beta', randn(c, scale=0.3)),
             ('moving_mean', randn(c, scale=0.2)), ('moving_variance', uniform(c, low=0.5, high=1.5))]
        rec.case('BatchNormalization', f'bn_{name}_training', {**axis_cfg}, [x], w,
                 lambda i, ws, a=axis: bn_ref(i[0], ws[0], ws[1], ws[2], ws[3], a, 1e-3, True),
                 call={'training': True}, non_trainable=nt,
                 weights_after=lambda i, ws, a=axis: list(zip(nt, keras_moving(i[0], ws[2], ws[3], a, 0.99))),
                 notes='Keras rule: moving variance uses the biased batch variance; momentum 0.99, epsilon 1e-3')
        rec.case('BatchNormalization', f'bn_{name}_inference', {**axis_cfg}, [x], w,
                 lambda i, ws, a=axis: bn_ref(i[0], ws[0], ws[1], ws[2], ws[3], a, 1e-3, False),
                 call={'training': False}, non_trainable=nt)
    x = randn(5, 3, scale=3.0)
    w = [('moving_mean', randn(3)), ('moving_variance', uniform(3, low=0.5, high=2))]
    rec.case('BatchNormalization', 'bn_no_center_scale_momentum09',
             {'center': False, 'scale': False, 'momentum': 0.9, 'epsilon': 1e-5}, [x], w,
             lambda i, ws: bn_ref(i[0], None, None, ws[0], ws[1], 1, 1e-5, True), call={'training': True},
             non_trainable=nt, weights_after=lambda i, ws: list(zip(nt, keras_moving(i[0], ws[0], ws[1], 1, 0.9))))

    x = randn(2, 3, 4, scale=2.0) + 1.0
    rec.case('LayerNormalization', 'ln_last_axis', {}, [x],
             [('gamma', uniform(4, low=0.5, high=1.5)), ('beta', randn(4, scale=0.3))],
             lambda i, w: F.layer_norm(i[0], (4,), w[0], w[1], eps=1e-3))
    rec.case('LayerNormalization', 'ln_two_axes_eps1e-5', {'axis': [1, 2], 'epsilon': 1e-5}, [x],
             [('gamma', uniform(3, 4, low=0.5, high=1.5)), ('beta', randn(3, 4, scale=0.3))],
             lambda i, w: F.layer_norm(i[0], (3, 4), w[0], w[1], eps=1e-5))
    rec.case('LayerNormalization', 'ln_no_center', {'center': False}, [x],
             [('gamma', uniform(4, low=0.5, high=1.5))],
             lambda i, w: F.layer_norm(i[0], (4,), w[0], None, eps=1e-3))

    x = randn(3, 4)
    rec.case('Dropout', 'dropout_inference', {'rate': 0.5}, [x], [], lambda i, w: i[0] * 1.0,
             call={'training': False})
    rec.case('Dropout', 'dropout_rate0_training', {'rate': 0.0}, [x], [], lambda i, w: i[0] * 1.0,
             call={'training': True})
    rec.case('SpatialDropout2D', 'spatial_dropout_inference', {'rate': 0.5}, [randn(2, 3, 3, 2)], [],
             lambda i, w: i[0] * 1.0)
    rec.case('GaussianNoise', 'gaussian_noise_inference', {'stddev': 0.3}, [x], [], lambda i, w: i[0] * 1.0)
