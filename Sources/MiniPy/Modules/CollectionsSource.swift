// `collections`, written in Python so a learner can step into it like any other library code.

/// The source of the bundled `collections` module.
enum CollectionsSource {
    static let text = #"""
"""Container datatypes: OrderedDict, defaultdict, Counter, deque and namedtuple."""

# The dict subclasses below derive from _dict_base, a dict whose constructor leaves the new
# dict empty; each class fills itself in __init__, as dict.__init__ does in CPython.
from _collections import _dict_base


class OrderedDict(_dict_base):
    """A dict that remembers insertion order (all dicts do) with move_to_end."""

    def __init__(self, *args, **kwargs):
        dict.update(self, *args, **kwargs)

    def __repr__(self):
        if not self:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, list(self.items()))

    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
        else:
            rest = list(self.items())
            self.clear()
            self[key] = value
            for k, v in rest:
                self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(list(self.keys()))) if last else next(iter(self))
        value = self.pop(key)
        return key, value


class defaultdict(_dict_base):
    """A dict that calls default_factory to supply missing values."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        dict.update(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        return '%s(%r, %r)' % (self.__class__.__name__, self.default_factory, dict(self))

    def copy(self):
        return self.__class__(self.default_factory, self)


class Counter(_dict_base):
    """A dict subclass for counting hashable items."""

    def __init__(self, iterable=None, **kwds):
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        ordered = sorted(self.items(), key=lambda item: item[1], reverse=True)
        if n is None:
            return ordered
        return ordered[:max(n, 0)]

    def elements(self):
        result = []
        for elem, count in self.items():
            for _ in range(count):
                result.append(elem)
        return iter(result)

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = count + self.get(elem, 0)
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __repr__(self):
        if not self:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, dict(self.most_common()))

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result


class deque:
    """A double-ended queue (list-backed), with an optional maximum length."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None and maxlen < 0:
            raise ValueError('maxlen must be non-negative')
        self.maxlen = maxlen
        self._items = []
        self.extend(iterable)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def extend(self, iterable):
        for x in list(iterable):
            self.append(x)

    def extendleft(self, iterable):
        for x in list(iterable):
            self.appendleft(x)

    def pop(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop(0)

    def clear(self):
        self._items.clear()

    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def __setitem__(self, index, value):
        self._items[index] = value

    def __bool__(self):
        return len(self._items) > 0

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __repr__(self):
        if self.maxlen is None:
            return 'deque(%r)' % (self._items,)
        return 'deque(%r, maxlen=%d)' % (self._items, self.maxlen)

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A class whose instances hold the named fields, unpack and index like tuples."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(field_names)
    for name in fields:
        if not name.isidentifier() or name.startswith('_'):
            raise ValueError('Type names and field names must be valid identifiers: %r' % (name,))
    if len(set(fields)) != len(fields):
        raise ValueError('Encountered duplicate field name')
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))

    class _NamedTuple:
        _fields = fields
        _field_defaults = field_defaults

        def __init__(self, *args, **kwargs):
            if len(args) > len(fields):
                raise TypeError('%s.__new__() takes %d positional arguments but %d were given'
                                % (typename, len(fields) + 1, len(args) + 1))
            values = list(args)
            for name in fields[len(args):]:
                if name in kwargs:
                    values.append(kwargs.pop(name))
                elif name in field_defaults:
                    values.append(field_defaults[name])
                else:
                    raise TypeError("%s.__new__() missing 1 required positional argument: '%s'" % (typename, name))
            if kwargs:
                raise TypeError("%s.__new__() got an unexpected keyword argument '%s'" % (typename, list(kwargs)[0]))
            self._values = tuple(values)
            for name, value in zip(fields, values):
                self.__dict__[name] = value

        def __setattr__(self, name, value):
            if name in fields:
                raise AttributeError("can't set attribute")
            self.__dict__[name] = value

        def __repr__(self):
            return typename + '(' + ', '.join(['%s=%r' % (n, v) for n, v in zip(fields, self._values)]) + ')'

        def __iter__(self):
            return iter(self._values)

        def __len__(self):
            return len(self._values)

        def __getitem__(self, index):
            return self._values[index]

        def __eq__(self, other):
            if isinstance(other, _NamedTuple):
                return self._values == other._values
            return self._values == other

        def __hash__(self):
            return hash(self._values)

        def _asdict(self):
            return dict(zip(fields, self._values))

        def _replace(self, **kwargs):
            values = [kwargs.pop(name, value) for name, value in zip(fields, self._values)]
            if kwargs:
                raise ValueError('Got unexpected field names: %r' % (list(kwargs),))
            return self.__class__(*values)

        @classmethod
        def _make(cls, iterable):
            return cls(*iterable)

    _NamedTuple.__name__ = typename
    _NamedTuple.__qualname__ = typename
    return _NamedTuple
"""#
}
