using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Ai;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ChatClean.Infrastructure.Ai;

/// <summary>
/// The knowledge base's full-text index: Lucene.NET in memory, one per node, built from the database at start-up and
/// kept current from it (<see cref="KnowledgeIndexSync"/>). Passages (chunks of documents) are analysed with Lucene's
/// Chinese word segmenter (HMM, SmartCn) followed by English stop words and Porter stemming, so Chinese and English
/// questions both match; ranking is BM25 with the title boosted.
/// </summary>
public sealed class LuceneKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    public const string NoticeChannel = "knowledge";
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string DocumentField = "document";
    private const string ChunkField = "chunk";
    private const string TitleField = "title";
    private const string ContentField = "content";

    /// <summary>Question words that say nothing about the subject, in both languages.</summary>
    private static readonly string[] QuestionWords =
    [
        "怎么", "怎样", "如何", "多少", "什么", "吗", "呢", "的", "了", "是", "我", "你", "请问", "可以", "能", "要", "吧", "啊",
        "how", "what", "when", "where", "why", "which", "who", "do", "does", "did", "can", "could", "would", "should", "i", "my", "me",
        "you", "your", "we", "our", "long", "much", "many", "please", "hi", "hello",
    ];

    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writeLock = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly IClusterBus _bus;

    public LuceneKnowledgeIndex(IServiceScopeFactory scopes, IClusterBus bus)
    {
        _scopes = scopes;
        _bus = bus;
        Analyzer = CreateAnalyzer();
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, Analyzer) { Similarity = new BM25Similarity() });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    public Analyzer Analyzer { get; }

    public int PassageCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    public Task<IReadOnlyList<KnowledgePassage>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<KnowledgePassage>>([]);
        }

        // Lower case, so that AND/OR/NOT in a question are words, not operators; escaped, so punctuation is text.
        var parser = new MultiFieldQueryParser(Version, [TitleField, ContentField], Analyzer, new Dictionary<string, float> { [TitleField] = 2f, [ContentField] = 1f });
        Query parsed;
        try
        {
            parsed = parser.Parse(QueryParserBase.Escape(query.ToLowerInvariant()));
        }
        catch (ParseException)
        {
            return Task.FromResult<IReadOnlyList<KnowledgePassage>>([]);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var hits = searcher.Search(parsed, limit).ScoreDocs;
            var passages = hits.Select(hit =>
            {
                var doc = searcher.Doc(hit.Doc);
                var title = doc.Get(TitleField);
                var content = doc.Get(ContentField);
                var found = Terms(title + "\n" + content);
                var coverage = (double)terms.Count(found.Contains) / terms.Count;
                return new KnowledgePassage(Guid.Parse(doc.Get(DocumentField)), title, int.Parse(doc.Get(ChunkField), System.Globalization.CultureInfo.InvariantCulture), content, hit.Score, coverage);
            }).ToArray();
            return Task.FromResult<IReadOnlyList<KnowledgePassage>>(passages);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public async Task DocumentChangedAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await ReloadAsync(documentId, cancellationToken);
        _bus.Publish(NoticeChannel, documentId.ToString("N"));
    }

    /// <summary>Reads the document from the store into the index (or out of it, if it was deleted).</summary>
    public async Task ReloadAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<EfKnowledgeStore>().FindRecordAsync(documentId, cancellationToken);
        Apply(record is null ? [] : [record], deleted: record is null ? [documentId] : []);
    }

    /// <summary>Puts the given versions of documents into the index, replacing what it held for them.</summary>
    public void Apply(IReadOnlyList<KnowledgeDocumentRecord> records, IReadOnlyList<Guid> deleted)
    {
        lock (_writeLock)
        {
            foreach (var id in deleted)
            {
                _writer.DeleteDocuments(new Term(DocumentField, id.ToString("N")));
            }

            foreach (var record in records)
            {
                var key = record.Id.ToString("N");
                _writer.DeleteDocuments(new Term(DocumentField, key));
                if (record.DeletedAt is not null)
                {
                    continue;
                }

                var chunks = KnowledgeChunker.Split(record.Content);
                for (var i = 0; i < chunks.Count; i++)
                {
                    _writer.AddDocument(new Document
                    {
                        new StringField(DocumentField, key, Field.Store.YES),
                        new StoredField(ChunkField, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new TextField(TitleField, record.Title, Field.Store.YES),
                        new TextField(ContentField, chunks[i], Field.Store.YES),
                    });
                }
            }

            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
    }

    /// <summary>The distinct terms of a text after analysis (what the index matches on).</summary>
    public HashSet<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using var stream = Analyzer.GetTokenStream(ContentField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static Analyzer CreateAnalyzer()
    {
        var stop = new CharArraySet(Version, 256, ignoreCase: true);
        foreach (var word in SmartChineseAnalyzer.DefaultStopSet)
        {
            stop.Add(word);
        }

        foreach (var word in StopAnalyzer.ENGLISH_STOP_WORDS_SET)
        {
            stop.Add(word);
        }

        foreach (var word in QuestionWords)
        {
            stop.Add(word);
        }

        return Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new HMMChineseTokenizer(reader);
            TokenStream stream = new StopFilter(Version, source, stop);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        });
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
