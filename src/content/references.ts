/** The works the article cites; `Cite` links to `#ref-<id>`. */
export const REFERENCES = {
  he2015: {
    short: 'He et al. 2015',
    full: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun. Deep Residual Learning for Image Recognition. CVPR 2016; arXiv:1512.03385 (2015).',
    url: 'https://arxiv.org/abs/1512.03385',
  },
  he2016: {
    short: 'He et al. 2016',
    full: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun. Identity Mappings in Deep Residual Networks. ECCV 2016; arXiv:1603.05027.',
    url: 'https://arxiv.org/abs/1603.05027',
  },
  heInit2015: {
    short: 'He et al. 2015b',
    full: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun. Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification. ICCV 2015; arXiv:1502.01852.',
    url: 'https://arxiv.org/abs/1502.01852',
  },
  veit2016: {
    short: 'Veit et al. 2016',
    full: 'Andreas Veit, Michael Wilber, Serge Belongie. Residual Networks Behave Like Ensembles of Relatively Shallow Networks. NeurIPS 2016; arXiv:1605.06431.',
    url: 'https://arxiv.org/abs/1605.06431',
  },
  balduzzi2017: {
    short: 'Balduzzi et al. 2017',
    full: 'David Balduzzi, Marcus Frean, Lennox Leary, J. P. Lewis, Kurt Wan-Duo Ma, Brian McWilliams. The Shattered Gradients Problem: If resnets are the answer, then what is the question? ICML 2017; arXiv:1702.08591.',
    url: 'https://arxiv.org/abs/1702.08591',
  },
  li2018: {
    short: 'Li et al. 2018',
    full: 'Hao Li, Zheng Xu, Gavin Taylor, Christoph Studer, Tom Goldstein. Visualizing the Loss Landscape of Neural Nets. NeurIPS 2018; arXiv:1712.09913.',
    url: 'https://arxiv.org/abs/1712.09913',
  },
  glorot2010: {
    short: 'Glorot & Bengio 2010',
    full: 'Xavier Glorot, Yoshua Bengio. Understanding the difficulty of training deep feedforward neural networks. AISTATS 2010.',
    url: 'https://proceedings.mlr.press/v9/glorot10a.html',
  },
  ioffe2015: {
    short: 'Ioffe & Szegedy 2015',
    full: 'Sergey Ioffe, Christian Szegedy. Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift. ICML 2015; arXiv:1502.03167.',
    url: 'https://arxiv.org/abs/1502.03167',
  },
  hinton2006: {
    short: 'Hinton et al. 2006',
    full: 'Geoffrey E. Hinton, Simon Osindero, Yee-Whye Teh. A fast learning algorithm for deep belief nets. Neural Computation 18(7), 2006.',
    url: 'https://doi.org/10.1162/neco.2006.18.7.1527',
  },
  bengio2007: {
    short: 'Bengio et al. 2007',
    full: 'Yoshua Bengio, Pascal Lamblin, Dan Popovici, Hugo Larochelle. Greedy Layer-Wise Training of Deep Networks. NeurIPS 2006 (published 2007).',
    url: 'https://proceedings.neurips.cc/paper/2006/hash/5da713a690c067105aeb2fae32403405-Abstract.html',
  },
  srivastava2014: {
    short: 'Srivastava et al. 2014',
    full: 'Nitish Srivastava, Geoffrey Hinton, Alex Krizhevsky, Ilya Sutskever, Ruslan Salakhutdinov. Dropout: A Simple Way to Prevent Neural Networks from Overfitting. JMLR 15, 2014.',
    url: 'https://jmlr.org/papers/v15/srivastava14a.html',
  },
  yang2019: {
    short: 'Yang et al. 2019',
    full: 'Greg Yang, Jeffrey Pennington, Vinay Rao, Jascha Sohl-Dickstein, Samuel S. Schoenholz. A Mean Field Theory of Batch Normalization. ICLR 2019; arXiv:1902.08129.',
    url: 'https://arxiv.org/abs/1902.08129',
  },
  de2020: {
    short: 'De & Smith 2020',
    full: 'Soham De, Samuel L. Smith. Batch Normalization Biases Residual Blocks Towards the Identity Function in Deep Networks. NeurIPS 2020; arXiv:2002.10444.',
    url: 'https://arxiv.org/abs/2002.10444',
  },
  zhang2019: {
    short: 'Zhang et al. 2019',
    full: 'Hongyi Zhang, Yann N. Dauphin, Tengyu Ma. Fixup Initialization: Residual Learning Without Normalization. ICLR 2019; arXiv:1901.09321.',
    url: 'https://arxiv.org/abs/1901.09321',
  },
  xiong2020: {
    short: 'Xiong et al. 2020',
    full: 'Ruibin Xiong, Yunchang Yang, Di He, Kai Zheng, Shuxin Zheng, Chen Xing, Huishuai Zhang, Yanyan Lan, Liwei Wang, Tie-Yan Liu. On Layer Normalization in the Transformer Architecture. ICML 2020; arXiv:2002.04745.',
    url: 'https://arxiv.org/abs/2002.04745',
  },
  liu2020: {
    short: 'Liu et al. 2020',
    full: 'Liyuan Liu, Xiaodong Liu, Jianfeng Gao, Weizhu Chen, Jiawei Han. Understanding the Difficulty of Training Transformers. EMNLP 2020; arXiv:2004.08249.',
    url: 'https://arxiv.org/abs/2004.08249',
  },
} as const;

/** The key of one reference. */
export type RefId = keyof typeof REFERENCES;

/** The id of the full reference's text in the reference list: every citation's description. */
export const referenceTextId = (id: RefId): string => `ref-${id}-text`;
